package io.pixmesh.ops;

import io.pixmesh.store.ImageStore;

/**
 * What {@code /-/health} says: whether this node should receive traffic. Cheap (a flag and two
 * {@code stat}s) and local: it never asks peers, so one site's trouble never drains another.
 */
final class Health {

    /** The answer: HTTP status and the one-line body. */
    record Verdict(int status, String text) {
    }

    private final DrainSwitch drain;
    private final ImageStore store;

    Health(DrainSwitch drain, ImageStore store) {
        this.drain = drain;
        this.store = store;
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
        return new Verdict(200, "ok");
    }
}
