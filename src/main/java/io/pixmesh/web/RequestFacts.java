package io.pixmesh.web;

/**
 * Request attributes by which the parts that answer a request tell the access log how it was
 * answered. Each part sets only its own; the access log reads them after the chain returns.
 */
public final class RequestFacts {

    /**
     * Where the body came from: {@code "cache"} (a stored answer), {@code "store"} (this site's
     * image directory) or {@code "peer:<name>"} (fetched from that peer site for this request).
     */
    public static final String SOURCE = "io.pixmesh.source";

    /** Microseconds spent fetching from peers for this request, as a {@link Long}; absent when none. */
    public static final String PEER_FETCH_MICROS = "io.pixmesh.peerFetchMicros";

    public static final String SOURCE_CACHE = "cache";
    public static final String SOURCE_STORE = "store";

    private RequestFacts() {
    }

    /** The {@link #SOURCE} value for an image fetched from peer {@code name}. */
    public static String peerSource(String name) {
        return "peer:" + name;
    }
}
