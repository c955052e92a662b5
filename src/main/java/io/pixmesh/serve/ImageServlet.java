package io.pixmesh.serve;

import io.micrometer.core.instrument.Counter;
import io.pixmesh.Pixmesh;
import io.pixmesh.http.MediaTypes;
import io.pixmesh.http.ResponseHeaders;
import io.pixmesh.store.ImageStore;
import io.pixmesh.store.RequestPaths;
import io.pixmesh.store.StoreKey;
import io.pixmesh.store.StoredImage;
import io.pixmesh.web.PlainText;
import io.pixmesh.web.RawPath;
import io.pixmesh.web.RequestFacts;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.Optional;

/**
 * The origin for this node: answers GET and HEAD for images in the site's store, exactly per
 * RFC 9110, and nothing else. Everything that is not a servable image is a short plain-text
 * 4xx; nothing here ever lists a directory or reveals a path.
 */
public final class ImageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String ALLOW = "GET, HEAD, OPTIONS";

    private transient ImageStore store;
    private transient ImageResponder responder;
    private transient Absent absent;
    private transient Counter requests;
    private transient PeerFill misses;

    @Override
    public void init() {
        Pixmesh pixmesh = Pixmesh.of(getServletContext());
        store = pixmesh.store();
        absent = new Absent(store, ResponseHeaders.of("Cache-Control", pixmesh.cacheControl().forNotFound()));
        requests = Counter.builder("pixmesh.origin.requests")
                .description("GET and HEAD requests that reached the image servlet (not answered by the cache)")
                .register(pixmesh.metrics());
        responder = new ImageResponder(new ImageHeaders(pixmesh.cacheControl()),
                pixmesh.config().sendfileMinBytes(), pixmesh.metrics());
        misses = new PeerFill(absent, pixmesh.peering(), responder, pixmesh.metrics());
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        switch (request.getMethod()) {
            case "GET", "HEAD" -> serve(request, response);
            case "OPTIONS" -> options(response);
            default -> PlainText.methodNotAllowed(response, ALLOW);
        }
    }

    private void serve(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getDispatcherType() == DispatcherType.REQUEST) {
            // The cache's forward of an answer too large to keep is the same request again.
            requests.increment();
        }
        // This node answers, whatever the status; a peer fill says so in its place.
        request.setAttribute(RequestFacts.SOURCE, RequestFacts.SOURCE_STORE);
        RequestPaths.Result path = RequestPaths.parse(RawPath.of(request));
        if (path instanceof RequestPaths.Malformed) {
            PlainText.send(response, HttpServletResponse.SC_BAD_REQUEST, "bad request: malformed path", PlainText.NO_STORE);
            return;
        }
        Optional<String> mediaType = path instanceof RequestPaths.Valid valid
                ? MediaTypes.forFileName(valid.key().fileName()) : Optional.empty();
        if (mediaType.isEmpty()) {
            absent.send(response);
            return;
        }
        StoreKey key = ((RequestPaths.Valid) path).key();
        try {
            Optional<StoredImage> image = store.find(key);
            if (image.isPresent()) {
                responder.respond(request, response, image.get(), mediaType.get(), true);
            } else {
                misses.answer(request, response, key, mediaType.get());
            }
        } catch (NoSuchFileException e) {
            // Deleted between the look-up and the read: it is gone, and nothing was sent yet.
            absent.send(response);
        }
    }

    private static void options(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setHeader("Allow", ALLOW);
        PlainText.NO_STORE.forEach(response::setHeader);
        response.setContentLength(0);
    }
}
