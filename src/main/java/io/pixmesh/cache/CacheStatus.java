package io.pixmesh.cache;

import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The member this cache appends to the {@code Cache-Status} field (RFC 9211) of an answer it
 * gives from, or through, its store. The cache is named {@value #CACHE_NAME}.
 *
 * <p>The forms the caching filter uses, and why each reads as it does:
 * <ul>
 * <li>{@code Pixmesh; hit; ttl=2}: answered from a fresh stored response, origin not contacted.
 *     A {@code 304} or {@code 206} made from the stored response is still a hit (§2.1).
 * <li>{@code Pixmesh; hit; ttl=-5}: a stale response served while it is revalidated in the
 *     background. This request did not go forward (the background one is another request), so
 *     it is a hit; the negative {@code ttl} says by how much it was stale (§2.4, and §3's
 *     "stale hit").
 * <li>{@code Pixmesh; fwd=uri-miss; fwd-status=200; ttl=2; stored}: nothing was stored under
 *     the key; the origin's answer was stored. {@code uri-miss} rather than {@code miss}: the
 *     key is the path alone and no stored response is ever set aside for its {@code Vary}, so
 *     a miss is always a miss on the URI (§2.2).
 * <li>{@code Pixmesh; fwd=uri-miss; fwd-status=200}: the same, but the answer was not stored
 *     (too large, or not storable); without a stored response there is no {@code ttl}.
 * <li>{@code Pixmesh; fwd=uri-miss; fwd-status=200; ttl=2; collapsed}: this request waited for
 *     another request's fetch of the same key and was answered from its result (§2.6: the
 *     forward request was shared, and its response successfully reused).
 * <li>{@code Pixmesh; fwd=uri-miss; fwd-status=200; collapsed=?0}: this request waited for
 *     another's fetch, which timed out or failed, so it made its own request (§2.6: "if not,
 *     a new request had to be made"; §3 gives this form for a miss the cache attempted to
 *     collapse but couldn't).
 * <li>{@code Pixmesh; fwd=stale; fwd-status=304; ttl=2}: the stored response was stale, the
 *     origin confirmed it with a {@code 304}, and the freshened stored response was served.
 * <li>{@code Pixmesh; fwd=stale; fwd-status=200; ttl=2; stored}: stale, and the origin sent a
 *     new response, which replaced the stored one.
 * <li>{@code Pixmesh; fwd=stale; fwd-status=503; ttl=-5; detail=stale-if-error}: stale, the
 *     origin failed, and {@code stale-if-error} allowed serving the stored response. Not a
 *     {@code hit}: the request did go forward, and §2.1 counts a response that could not be
 *     used without going forward as no hit. {@code fwd-status} says what the origin answered,
 *     {@code ttl} how stale the answer is, and {@code detail} (§2.8) why it was served anyway.
 * <li>{@code Pixmesh; fwd=request; fwd-status=200; ttl=2; stored}: a fresh response was
 *     stored, but the request's own directives forbade using it without going forward.
 * <li>{@code Pixmesh; fwd=uri-miss; detail=too-large}: the answer is larger than the cache
 *     keeps, so the origin answered the client itself (with sendfile), ranges and conditions
 *     included.
 * </ul>
 * {@code fwd-status} is written whenever the filter answers from what the origin sent: it answers
 * ranges and conditions itself, so the status it sends often differs from the one forwarded (a
 * forwarded {@code 200} becomes a {@code 206} or {@code 304}), and an absent {@code fwd-status}
 * would mean the status sent (§2.3). That is exactly right, and so it is left out, when the
 * origin answered the client itself ({@code too-large}). Instances are immutable.
 */
public final class CacheStatus {

    /** The field this value goes in. */
    public static final String FIELD_NAME = "Cache-Status";

    /** This cache's name in the field, a structured-field token. */
    public static final String CACHE_NAME = "Pixmesh";

    /** Why a request went forward to the origin (RFC 9211 §2.2, the values this cache uses). */
    public enum Forward {
        /** Nothing was stored under the request's key. */
        URI_MISS("uri-miss"),
        /** A stored response was found, but stale. */
        STALE("stale"),
        /** A fresh response was stored, but the request's directives forbade using it. */
        REQUEST("request");

        private final String token;

        Forward(String token) {
            this.token = token;
        }
    }

    /** The forwarded status is not given: the origin answered the client itself. */
    private static final int NO_STATUS = 0;

    /** Hits with a ttl of 0 up to this many seconds are made once: they are most answers. */
    private static final int CACHED_HIT_TTLS = 600;
    private static final CacheStatus[] HITS = new CacheStatus[CACHED_HIT_TTLS + 1];

    /** The one too-large value per reason: every request for a known large image sends one. */
    private static final Map<Forward, CacheStatus> TOO_LARGE = new EnumMap<>(Forward.class);

    static {
        for (int ttl = 0; ttl <= CACHED_HIT_TTLS; ttl++) {
            HITS[ttl] = new CacheStatus(null, 0, OptionalLong.of(ttl), false, null, null);
        }
        for (Forward why : Forward.values()) {
            TOO_LARGE.put(why, new CacheStatus(why, NO_STATUS, OptionalLong.empty(), false, null, "too-large"));
        }
    }

    private final Forward forward;
    private final int forwardStatus;
    private final OptionalLong ttl;
    private final boolean stored;
    private final String collapsed;
    private final String detail;
    private final String value;

    private CacheStatus(Forward forward, int forwardStatus, OptionalLong ttl, boolean stored,
            String collapsed, String detail) {
        this.forward = forward;
        this.forwardStatus = forwardStatus;
        this.ttl = ttl;
        this.stored = stored;
        this.collapsed = collapsed;
        this.detail = detail;
        this.value = format();
    }

    /**
     * Answered from the store without going forward.
     *
     * @param ttlSeconds the stored response's remaining freshness; zero or negative when stale
     */
    public static CacheStatus hit(long ttlSeconds) {
        if (ttlSeconds >= 0 && ttlSeconds <= CACHED_HIT_TTLS) {
            return HITS[(int) ttlSeconds];
        }
        return new CacheStatus(null, 0, OptionalLong.of(ttlSeconds), false, null, null);
    }

    /**
     * Went forward to the origin, which answered {@code forwardStatus}.
     *
     * @throws IllegalArgumentException if {@code forwardStatus} is not a three-digit status
     */
    public static CacheStatus forwarded(Forward why, int forwardStatus) {
        return new CacheStatus(why, statusCode(forwardStatus), OptionalLong.empty(), false, null,
                null);
    }

    /**
     * Went forward, and the answer was too large to store, so the origin answers the client
     * itself; the status sent is the origin's, so no {@code fwd-status}.
     */
    public static CacheStatus tooLarge(Forward why) {
        return TOO_LARGE.get(why);
    }

    /**
     * A stale stored response served because the origin answered {@code forwardStatus} and
     * {@code stale-if-error} allowed it. When the origin threw instead of answering, pass
     * {@code 500}, the status the container would have sent.
     *
     * @param ttlSeconds the stored response's remaining freshness, zero or negative
     * @throws IllegalArgumentException if {@code forwardStatus} is not a three-digit status
     */
    public static CacheStatus staleIfError(int forwardStatus, long ttlSeconds) {
        return new CacheStatus(Forward.STALE, statusCode(forwardStatus),
                OptionalLong.of(ttlSeconds), false, null, "stale-if-error");
    }

    /** This value, saying the answer came from a stored response with this much freshness. */
    public CacheStatus ttl(long ttlSeconds) {
        return new CacheStatus(forward, forwardStatus, OptionalLong.of(ttlSeconds), stored,
                collapsed, detail);
    }

    /**
     * This value, saying the origin's answer was stored.
     *
     * @throws IllegalStateException on a hit, which stores nothing
     */
    public CacheStatus stored() {
        requireForwarded("stored");
        return new CacheStatus(forward, forwardStatus, ttl, true, collapsed, detail);
    }

    /**
     * This value, saying the request waited for another request's forward of the same key, and
     * whether that one's answer was {@code reused}; if not, this request made its own.
     *
     * @throws IllegalStateException on a hit, as only a forwarded request can be collapsed
     */
    public CacheStatus collapsed(boolean reused) {
        requireForwarded("collapsed");
        return new CacheStatus(forward, forwardStatus, ttl, stored,
                reused ? "collapsed" : "collapsed=?0", detail);
    }

    /** The list member, such as {@code Pixmesh; fwd=stale; fwd-status=304; ttl=2}. */
    public String value() {
        return value;
    }

    private String format() {
        StringBuilder member = new StringBuilder(CACHE_NAME);
        if (forward == null) {
            member.append("; hit");
        } else {
            member.append("; fwd=").append(forward.token);
            if (forwardStatus != NO_STATUS) {
                member.append("; fwd-status=").append(forwardStatus);
            }
        }
        ttl.ifPresent(seconds -> member.append("; ttl=").append(seconds));
        if (stored) {
            member.append("; stored");
        }
        if (collapsed != null) {
            member.append("; ").append(collapsed);
        }
        if (detail != null) {
            member.append("; detail=").append(detail);
        }
        return member.toString();
    }

    /** The same as {@link #value()}. */
    @Override
    public String toString() {
        return value();
    }

    private static int statusCode(int status) {
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("not a status code: " + status);
        }
        return status;
    }

    private void requireForwarded(String parameter) {
        if (forward == null) {
            throw new IllegalStateException(parameter + " is only meaningful when fwd is present");
        }
    }
}
