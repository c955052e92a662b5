package io.pixmesh.ops;

import io.pixmesh.cache.ResponseCache;
import io.pixmesh.store.ImageStore;
import java.util.Optional;

/**
 * What {@code /-/health} says: whether this node should receive traffic. Cheap (a flag, two
 * {@code stat}s, a status field) and local: it never asks peers, so one site's trouble never
 * drains another. A cache running without its disk tier still answers, so it counts as up.
 */
final class Health {

    /** The answer: HTTP status and the one-line body. */
    record Verdict(int status, String text) {
    }

    private final DrainSwitch drain;
    private final ImageStore store;
    private final Optional<ResponseCache> cache;

    Health(DrainSwitch drain, ImageStore store, Optional<ResponseCache> cache) {
        this.drain = drain;
        this.store = store;
        this.cache = cache;
    }

    /**
     * {@code 503 draining} first (an operator's decision outranks the node's own state), then
     * {@code 503 unhealthy: <reason>}, else {@code 200 ok}.
     */
    Verdict check() {
        if (drain.isDrained()) {
            return new Verdict(503, "draining");
        }
        if (!store.isReadable()) {
            return new Verdict(503, "unhealthy: store unreadable");
        }
        if (cache.isPresent() && !cache.get().isAvailable()) {
            return new Verdict(503, "unhealthy: cache unavailable");
        }
        return new Verdict(200, "ok");
    }
}
