package io.pixmesh.cache;

import io.pixmesh.http.CacheDirectives;
import java.util.OptionalLong;

/**
 * Whether a stored response may be reused at a given moment, and for how long (RFC 9111 §4.2,
 * RFC 5861): pure functions of the response, the time passed in and the configured
 * revalidation interval.
 *
 * <p>Definitions, all in milliseconds of {@code now - validatedAtMillis} (the age: since the
 * origin last sent or confirmed the response; negative, when the clock stepped back, counts as
 * 0):
 * <ul>
 * <li>The <em>freshness lifetime</em> of a {@code 200} is the revalidation interval, whatever
 *     {@code max-age} it carries: that directive is for downstream caches, while this cache
 *     acts for the origin and re-checks it this often, so that a changed file shows within the
 *     interval. A {@code 404} lives by its own {@code s-maxage}, else {@code max-age} (the
 *     negative TTL), else not at all. A response with {@code no-cache} has a lifetime of 0, as
 *     it must be validated before each reuse.
 * <li>A response is fresh while its age is less than its lifetime, and stale from then on.
 * <li>A stale {@code 200} may be served while revalidating in the background while it is
 *     stale by less than its {@code stale-while-revalidate}, and served instead of an error
 *     while stale by less than its {@code stale-if-error}. A {@code 404}, and a response with
 *     {@code must-revalidate}, {@code no-cache} or {@code s-maxage} (RFC 9111 §4.2.4 forbids
 *     serving those stale), has neither window.
 * </ul>
 * Instances are immutable and thread-safe.
 */
public final class Freshness {

    /** What the cache may do with a stored response at one moment. */
    public enum State {
        /** Serve it; do not contact the origin. */
        FRESH,
        /** Serve it now, and revalidate it in the background. */
        STALE_WHILE_REVALIDATE,
        /** Do not serve it before the origin has validated or replaced it. */
        MUST_REVALIDATE
    }

    private static final long MILLIS_PER_SECOND = 1000;

    private final long revalidateSeconds;

    /**
     * @param revalidateSeconds how long a stored {@code 200} is fresh
     *     ({@code pixmesh.cache.revalidateSeconds})
     * @throws IllegalArgumentException if {@code revalidateSeconds} is negative
     */
    public Freshness(long revalidateSeconds) {
        if (revalidateSeconds < 0) {
            throw new IllegalArgumentException("negative revalidation interval: "
                    + revalidateSeconds);
        }
        this.revalidateSeconds = revalidateSeconds;
    }

    /** What may be done with {@code entry} at {@code nowMillis}. */
    public State state(CachedResponse entry, long nowMillis) {
        long age = ageMillis(entry, nowMillis);
        long lifetime = lifetimeSeconds(entry);
        if (age < lifetime * MILLIS_PER_SECOND) {
            return State.FRESH;
        }
        long window = staleWindow(entry, entry.directives().staleWhileRevalidate());
        return age < (lifetime + window) * MILLIS_PER_SECOND
                ? State.STALE_WHILE_REVALIDATE
                : State.MUST_REVALIDATE;
    }

    /**
     * Whether {@code entry} may be served at {@code nowMillis} when the origin failed to
     * revalidate it: while fresh, or stale by less than its {@code stale-if-error}.
     */
    public boolean mayServeStaleOnError(CachedResponse entry, long nowMillis) {
        long window = staleWindow(entry, entry.directives().staleIfError());
        return ageMillis(entry, nowMillis) < (lifetimeSeconds(entry) + window) * MILLIS_PER_SECOND;
    }

    /** The freshness lifetime of {@code entry}, in seconds. */
    public long lifetimeSeconds(CachedResponse entry) {
        CacheDirectives directives = entry.directives();
        if (directives.noCache()) {
            return 0;
        }
        if (entry.status() == 200) {
            return revalidateSeconds;
        }
        return directives.sMaxAge().orElse(directives.maxAge().orElse(0));
    }

    /**
     * The remaining freshness of {@code entry} at {@code nowMillis}, in whole seconds, for
     * {@code Cache-Status: ttl}: its lifetime minus {@link #ageSeconds}, so the {@code Age} and
     * {@code ttl} of one answer add up to the lifetime. Zero or less once stale.
     */
    public long ttlSeconds(CachedResponse entry, long nowMillis) {
        return lifetimeSeconds(entry) - ageSeconds(entry, nowMillis);
    }

    /**
     * The age of {@code entry} at {@code nowMillis} in whole seconds, rounded down, for the
     * {@code Age} field; never negative.
     */
    public static long ageSeconds(CachedResponse entry, long nowMillis) {
        return ageMillis(entry, nowMillis) / MILLIS_PER_SECOND;
    }

    private static long ageMillis(CachedResponse entry, long nowMillis) {
        return Math.max(0, nowMillis - entry.validatedAtMillis());
    }

    /** How long past its lifetime {@code entry} may be served under {@code directive}. */
    private static long staleWindow(CachedResponse entry, OptionalLong directive) {
        CacheDirectives directives = entry.directives();
        boolean forbidden = entry.status() != 200 || directives.mustRevalidate()
                || directives.noCache() || directives.sMaxAge().isPresent();
        return forbidden ? 0 : directive.orElse(0);
    }
}
