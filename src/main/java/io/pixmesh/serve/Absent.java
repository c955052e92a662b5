package io.pixmesh.serve;

import io.pixmesh.http.ResponseHeaders;
import io.pixmesh.store.ImageStore;
import io.pixmesh.web.PlainText;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The answer for an image this node cannot serve: {@code 404} with the negative TTL's
 * {@code Cache-Control} only when the store could be read. While it cannot (a lost mount, say),
 * an absent file proves nothing, and a {@code 404} would be cached downstream and by our own
 * cache; a {@code 503} lets caches serve what they hold (stale-if-error) instead.
 */
final class Absent {

    private final ImageStore store;
    private final ResponseHeaders notFoundFields;

    /** @param notFoundFields the fields of a {@code 404} ({@code Cache-Control}: the negative TTL) */
    Absent(ImageStore store, ResponseHeaders notFoundFields) {
        this.store = store;
        this.notFoundFields = notFoundFields;
    }

    /** Whether the store can be read, so that an absent file means the image is not here. */
    boolean storeReadable() {
        return store.isReadable();
    }

    /** {@code 404} if the store could be read, else {@code 503}. */
    void send(HttpServletResponse response) throws IOException {
        if (store.isReadable()) {
            PlainText.send(response, HttpServletResponse.SC_NOT_FOUND, "not found", notFoundFields);
        } else {
            PlainText.send(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "store unavailable",
                    PlainText.NO_STORE);
        }
    }
}
