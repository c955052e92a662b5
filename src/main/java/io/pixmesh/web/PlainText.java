package io.pixmesh.web;

import io.pixmesh.http.ResponseHeaders;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Short plain-text answers: errors, health, refusals. No HTML, no stack trace, no server
 * version, and {@code nosniff} so that no browser ever renders them as anything else.
 */
public final class PlainText {

    /** For answers no cache should keep: they depend on the request or on a passing state. */
    public static final ResponseHeaders NO_STORE = ResponseHeaders.of("Cache-Control", "no-store");

    private PlainText() {
    }

    /**
     * Resets whatever was set so far and sends {@code status} with {@code fields} and
     * {@code message} as the body. The message must not echo request data (it is served
     * verbatim).
     */
    public static void send(HttpServletResponse response, int status, String message, ResponseHeaders fields)
            throws IOException {
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        response.reset();
        response.setStatus(status);
        fields.forEach(response::setHeader);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentType("text/plain;charset=utf-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** 405 with the {@code Allow} header the RFC requires. */
    public static void methodNotAllowed(HttpServletResponse response, String allow) throws IOException {
        send(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "method not allowed", NO_STORE.plus("Allow", allow));
    }
}
