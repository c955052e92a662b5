package io.pixmesh.ops;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.pixmesh.Pixmesh;
import io.pixmesh.http.ResponseHeaders;
import io.pixmesh.peer.CircuitBreaker;
import io.pixmesh.peer.Peer;
import io.pixmesh.peer.PeerCredential;
import io.pixmesh.peer.PeerFetcher;
import io.pixmesh.peer.PeerList;
import io.pixmesh.peer.PeerStatus;
import io.pixmesh.peer.Peering;
import io.pixmesh.store.StoreKey;
import io.pixmesh.web.PlainText;
import io.pixmesh.web.RawPath;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /-/admin/*}: drain and undrain this node, purge an image (here, or at every site), and
 * the peers' state. Every call needs {@code Authorization: Bearer <pixmesh.admin.token>}; with no
 * token configured the whole API answers {@code 403}, so an unconfigured node exposes nothing.
 * The one exception: a purge forwarded by a peer carries a valid peer credential instead, which
 * signs the purge's own query.
 */
public final class AdminServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(AdminServlet.class);
    private static final JsonFactory JSON = new JsonFactory();

    private transient Pixmesh pixmesh;
    private transient AdminToken token;
    private transient PurgeFanOut fanOut;

    @Override
    public void init() {
        pixmesh = Pixmesh.of(getServletContext());
        token = new AdminToken(pixmesh.config().adminToken());
        Peering peering = pixmesh.peering();
        PeerList peers = peering.fetcher().map(PeerFetcher::peers).orElse(PeerList.parse(""));
        fanOut = new PurgeFanOut(peers, peering.credential(), peering.self(),
                pixmesh.config().peer().client().timeout());
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        if (path.equals("/purge") && isSignedByPeer(request)) {
            purge(request, response, false);
            return;
        }
        AdminToken.Check check = token.check(request.getHeader("Authorization"));
        if (check != AdminToken.Check.ACCEPTED) {
            refuse(response, check);
            return;
        }
        switch (path) {
            case "/drain" -> drain(request, response);
            case "/purge" -> purge(request, response, true);
            case "/peers" -> peers(request, response);
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

    /** @param mayForward false for a purge a peer forwarded: it goes no further (one hop) */
    private void purge(HttpServletRequest request, HttpServletResponse response, boolean mayForward) throws IOException {
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
        log.warn("Purged /{} (store: {}) for {}", key.value(), store, mayForward ? request.getRemoteAddr() : "a peer");
        Map<String, String> sites = mayForward && "all".equals(request.getParameter("sites"))
                ? fanOut.purge("/" + key.value(), fromStore) : null;
        json(response, json -> {
            json.writeStartObject();
            json.writeStringField("path", "/" + key.value());
            json.writeStringField("cache", "purged");
            json.writeStringField("store", store);
            if (sites != null) {
                json.writeObjectFieldStart("sites");
                for (Map.Entry<String, String> site : sites.entrySet()) {
                    json.writeStringField(site.getKey(), site.getValue());
                }
                json.writeEndObject();
            }
            json.writeEndObject();
        });
    }

    private void peers(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!request.getMethod().equals("GET")) {
            PlainText.methodNotAllowed(response, "GET");
            return;
        }
        PeerStatus status = pixmesh.peering().status();
        json(response, json -> {
            json.writeStartObject();
            json.writeStringField("self", pixmesh.peering().self());
            json.writeArrayFieldStart("peers");
            if (pixmesh.peering().fetcher().isPresent()) {
                PeerFetcher fetcher = pixmesh.peering().fetcher().get();
                for (Peer peer : fetcher.peers().peers()) {
                    writePeer(json, peer, fetcher.breaker(peer), status.of(peer));
                }
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    private static void writePeer(JsonGenerator json, Peer peer, CircuitBreaker breaker, PeerStatus.Recent recent)
            throws IOException {
        json.writeStartObject();
        json.writeStringField("name", peer.name());
        json.writeStringField("url", peer.base().toString());
        json.writeStringField("circuit", breaker.state().name().toLowerCase(Locale.ROOT));
        json.writeNumberField("successes", breaker.successes());
        json.writeNumberField("failures", breaker.failures());
        json.writeNumberField("rejections", breaker.rejections());
        if (recent == null) {
            json.writeNullField("lastMillis");
            json.writeNullField("lastResult");
        } else {
            json.writeNumberField("lastMillis", Math.round(recent.lastMillis() * 10) / 10.0);
            json.writeStringField("lastResult", recent.lastResult());
        }
        json.writeStringField("lastError", recent == null ? null : recent.lastError());
        json.writeStringField("lastErrorAt", recent == null || recent.lastErrorAt() == null ? null : recent.lastErrorAt().toString());
        json.writeEndObject();
    }

    /** A purge signed by a peer over its method, path and query (see {@link PurgeFanOut}). */
    private boolean isSignedByPeer(HttpServletRequest request) {
        String credential = request.getHeader(PeerCredential.HEADER);
        String query = request.getQueryString();
        return credential != null && query != null && pixmesh.peering().credential()
                .verify(credential, request.getMethod(), RawPath.of(request) + "?" + query, Instant.now()).isValid();
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

    /** Writes a JSON document with {@code body} (Jackson escapes every string). */
    private interface JsonBody {
        void write(JsonGenerator json) throws IOException;
    }

    private static void json(HttpServletResponse response, JsonBody body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            body.write(json);
        }
        byte[] bytes = out.toByteArray();
        response.setStatus(HttpServletResponse.SC_OK);
        ResponseHeaders.of("Cache-Control", "no-store").plus("X-Content-Type-Options", "nosniff")
                .forEach(response::setHeader);
        response.setContentType("application/json");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
