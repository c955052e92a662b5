package io.pixmesh.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Short plain-text answers: errors, health, refusals. No HTML, no stack trace, no server
 * version, and {@code nosniff} so that no browser ever renders them as anything else.
 */
public final class PlainText {

    private PlainText() {
    }

    /**
     * Resets whatever was set so far and sends {@code status} with {@code message} as the body.
     * The message must not echo request data (it is served verbatim).
     */
    public static void send(HttpServletResponse response, int status, String cacheControl, String message)
            throws IOException {
        response.reset();
        response.setStatus(status);
        response.setHeader("Cache-Control", cacheControl);
        write(response, message);
    }

    /** 405 with the {@code Allow} header the RFC requires. */
    public static void methodNotAllowed(HttpServletResponse response, String allow) throws IOException {
        response.reset();
        response.setStatus(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
        response.setHeader("Allow", allow);
        response.setHeader("Cache-Control", "no-store");
        write(response, "method not allowed");
    }

    /** 416 with {@code Content-Range: bytes *}{@code /length}, as RFC 9110 §15.5.17 asks. */
    public static void rangeNotSatisfiable(HttpServletResponse response, long completeLength) throws IOException {
        response.reset();
        response.setStatus(HttpServletResponse.SC_REQUESTED_RANGE_NOT_SATISFIABLE);
        response.setHeader("Content-Range", "bytes */" + completeLength);
        response.setHeader("Cache-Control", "no-store");
        write(response, "range not satisfiable");
    }

    private static void write(HttpServletResponse response, String message) throws IOException {
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentType("text/plain;charset=utf-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
