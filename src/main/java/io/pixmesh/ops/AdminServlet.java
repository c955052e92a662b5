package io.pixmesh.ops;

import io.pixmesh.Pixmesh;
import io.pixmesh.http.ResponseHeaders;
import io.pixmesh.store.StoreKey;
import io.pixmesh.web.PlainText;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /-/admin/*}: drain and undrain this node, purge an image. Every call needs
 * {@code Authorization: Bearer <pixmesh.admin.token>}; with no token configured the whole API
 * answers {@code 403}, so an unconfigured node exposes nothing.
 */
public final class AdminServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(AdminServlet.class);

    private transient Pixmesh pixmesh;
    private transient AdminToken token;

    @Override
    public void init() {
        pixmesh = Pixmesh.of(getServletContext());
        token = new AdminToken(pixmesh.config().adminToken());
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        AdminToken.Check check = token.check(request.getHeader("Authorization"));
        if (check != AdminToken.Check.ACCEPTED) {
            refuse(response, check);
            return;
        }
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        switch (path) {
            case "/drain" -> drain(request, response);
            case "/purge" -> purge(request, response);
            default -> PlainText.send(response, HttpServletResponse.SC_NOT_FOUND, "not found", PlainText.NO_STORE);
        }
    }

    private void drain(HttpServletRequest request, HttpServletResponse response) throws IOException {
        switch (request.getMethod()) {
            case "POST" -> {
                pixmesh.drain().drain();
                log.warn("Drained by the admin API from {}", request.getRemoteAddr());
                PlainText.send(response, HttpServletResponse.SC_OK, "draining", PlainText.NO_STORE);
            }
            case "DELETE" -> {
                pixmesh.drain().undrain();
                log.warn("Undrained by the admin API from {}", request.getRemoteAddr());
                String state = pixmesh.drain().isDrained() ? "draining (the drain file is still there)" : "serving";
                PlainText.send(response, HttpServletResponse.SC_OK, state, PlainText.NO_STORE);
            }
            default -> PlainText.methodNotAllowed(response, "POST, DELETE");
        }
    }

    private void purge(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!request.getMethod().equals("POST")) {
            PlainText.methodNotAllowed(response, "POST");
            return;
        }
        StoreKey key = keyOf(request.getParameter("path"));
        if (key == null) {
            PlainText.send(response, HttpServletResponse.SC_BAD_REQUEST,
                    "bad request: path must name an image, as /dir/name.png", PlainText.NO_STORE);
            return;
        }
        boolean fromStore = "true".equals(request.getParameter("store"));
        pixmesh.responseCache().ifPresent(cache -> cache.remove(key.value()));
        String store = fromStore ? (pixmesh.store().delete(key) ? "deleted" : "absent") : "kept";
        log.warn("Purged /{} (store: {}) by the admin API from {}", key.value(), store, request.getRemoteAddr());
        json(response, "{\"path\":" + Json.string("/" + key.value()) + ",\"cache\":\"purged\",\"store\":\"" + store + "\"}");
    }

    /** The image key named by a purge's {@code path} parameter (decoded, with a leading slash), or null. */
    private static StoreKey keyOf(String path) {
        if (path == null || !path.startsWith("/")) {
            return null;
        }
        try {
            return StoreKey.of(path.substring(1));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void refuse(HttpServletResponse response, AdminToken.Check check) throws IOException {
        if (check == AdminToken.Check.NOT_CONFIGURED) {
            PlainText.send(response, check.status, "forbidden: no admin token is configured", PlainText.NO_STORE);
        } else {
            PlainText.send(response, check.status, "unauthorized",
                    PlainText.NO_STORE.plus("WWW-Authenticate", "Bearer realm=\"pixmesh-admin\""));
        }
    }

    private static void json(HttpServletResponse response, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatus(HttpServletResponse.SC_OK);
        ResponseHeaders.of("Cache-Control", "no-store").plus("X-Content-Type-Options", "nosniff")
                .forEach(response::setHeader);
        response.setContentType("application/json");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
