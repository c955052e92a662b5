package io.pixmesh.ops;

import io.pixmesh.Pixmesh;
import io.pixmesh.web.PlainText;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The reserved {@code /-/} space: health for load balancers and DNS checkers, metrics for
 * Prometheus, and the last-resort error page. Never touches the request hot path's state.
 */
public final class OpsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private transient Pixmesh pixmesh;
    private transient Health health;

    @Override
    public void init() {
        pixmesh = Pixmesh.of(getServletContext());
        health = new Health(pixmesh.drain(), pixmesh.store(), pixmesh.responseCache());
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getDispatcherType() == DispatcherType.ERROR) {
            PlainText.send(response, statusOf(request), "error", PlainText.NO_STORE);
            return;
        }
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        if (!path.equals("/health") && !path.equals("/metrics")) {
            PlainText.send(response, HttpServletResponse.SC_NOT_FOUND, "not found", PlainText.NO_STORE);
        } else if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
            PlainText.methodNotAllowed(response, "GET, HEAD");
        } else if (path.equals("/health")) {
            health(response);
        } else {
            metrics(response);
        }
    }

    private void health(HttpServletResponse response) throws IOException {
        Health.Verdict verdict = health.check();
        PlainText.send(response, verdict.status(), verdict.text(), PlainText.NO_STORE);
    }

    private void metrics(HttpServletResponse response) throws IOException {
        byte[] body = pixmesh.metrics().scrape().getBytes(StandardCharsets.UTF_8);
        PlainText.NO_STORE.forEach(response::setHeader);
        response.setContentType("text/plain;version=0.0.4;charset=utf-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static int statusOf(HttpServletRequest request) {
        Object status = request.getAttribute("jakarta.servlet.error.status_code");
        return status instanceof Integer code && code >= 400 ? code : HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
    }
}
