package io.pixmesh.cache;

import io.pixmesh.Pixmesh;
import io.pixmesh.config.CacheSettings;
import io.pixmesh.store.RequestPaths;
import io.pixmesh.web.RawPath;
import io.pixmesh.web.RequestFacts;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP cache (RFC 9111) in front of the image servlet, in the same process. It knows nothing
 * of files or peers: it stores the origin's full {@code 200} and {@code 404} answers to
 * {@code GET}, keyed by the normalised path, and answers conditional and range requests itself
 * from them.
 *
 * <ul>
 * <li>Fresh for {@code pixmesh.cache.revalidateSeconds}, then checked with a conditional
 *     {@code GET} down the chain (a cheap {@code 304} from the servlet), so changes in the store
 *     show within that time.
 * <li>Within a stored answer's {@code stale-while-revalidate}, a stale answer goes out at once
 *     and is revalidated afterwards on the same thread, once the client has its answer.
 * <li>Within {@code stale-if-error}, a stale answer goes out when the origin fails.
 * <li>Concurrent requests for one key make one trip to the origin ({@link Fill}); the others
 *     wait for it, bounded by {@code pixmesh.cache.fillWaitMs}.
 * <li>Answers larger than {@code pixmesh.cache.maxObjectKB} are not stored: the servlet answers
 *     the client itself, unwrapped, so large bodies keep sendfile. Such keys are remembered
 *     ({@link LargeKeys}) for the revalidation interval, and their next requests go straight to
 *     the servlet.
 * </ul>
 */
public final class CachingFilter implements Filter {

    /** How many too-large keys are remembered at most (about 1 MiB of heap). */
    private static final int LARGE_KEYS = 10_000;
    /** How many validation times are kept beside the cache at most (about 8 MiB of heap). */
    private static final int VALIDATION_TIMES = 50_000;

    private ResponseCache cache;
    private Freshness freshness;
    private Origin origin;
    private Fill<String, Trip> fills;
    private LargeKeys largeKeys;
    private ValidationTimes validations;
    private CacheMetrics metrics;
    private RequestDispatcher originServlet;
    private final Set<String> revalidating = ConcurrentHashMap.newKeySet();
    private final Clock clock = Clock.systemUTC();

    /** The outcome of a trip to the origin, shared by every request that waited for it. */
    private record Trip(OriginAnswer answer, CachedResponse entry, boolean stored) {
    }

    @Override
    public void init(FilterConfig config) throws ServletException {
        Pixmesh pixmesh = Pixmesh.of(config.getServletContext());
        Optional<ResponseCache> responseCache = pixmesh.responseCache();
        if (responseCache.isEmpty()) {
            return;
        }
        CacheSettings settings = pixmesh.config().cache();
        cache = responseCache.get();
        freshness = new Freshness(settings.revalidateSeconds());
        origin = new Origin(settings.maxObjectBytes());
        fills = new Fill<>(Duration.ofMillis(settings.fillWaitMillis()));
        largeKeys = new LargeKeys(LARGE_KEYS, TimeUnit.SECONDS.toMillis(settings.revalidateSeconds()));
        validations = new ValidationTimes(VALIDATION_TIMES);
        metrics = new CacheMetrics(pixmesh.metrics(), cache);
        String originName = config.getInitParameter("origin");
        originServlet = config.getServletContext().getNamedDispatcher(originName);
        if (originServlet == null) {
            throw new ServletException("caching filter: no servlet named '" + originName + "' to send large answers");
        }
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String method = request.getMethod();
        RequestPaths.Result path = cache == null ? null : RequestPaths.parse(RawPath.of(request));
        if (!(path instanceof RequestPaths.Valid valid) || !(method.equals("GET") || method.equals("HEAD"))) {
            // Off, or not a request the cache answers: the origin says what it says.
            chain.doFilter(request, response);
            return;
        }
        String key = valid.key().value();
        long now = clock.millis();
        Optional<CachedResponse> stored = cache.get(key);
        if (stored.isEmpty()) {
            if (largeKeys.isLarge(key, now)) {
                // Known too large: straight to the origin, which answers the client itself.
                metrics.answered(CacheMetrics.Result.BYPASS);
                response.setHeader(CacheStatus.FIELD_NAME, CacheStatus.tooLarge(CacheStatus.Forward.URI_MISS).value());
                chain.doFilter(request, response);
                return;
            }
            forward(key, CacheStatus.Forward.URI_MISS, null, request, response, chain);
            return;
        }
        CachedResponse entry = stored.get();
        Freshness.State state = freshness.state(entry, now);
        if (state != Freshness.State.FRESH) {
            // Read back from a lower tier, the entry may not know of its last validation.
            validations.restore(key, entry);
            state = freshness.state(entry, now);
        }
        switch (state) {
            case FRESH -> answer(request, response, entry, CacheStatus.hit(freshness.ttlSeconds(entry, now)),
                    CacheMetrics.Result.HIT, now);
            case STALE_WHILE_REVALIDATE -> {
                answer(request, response, entry, CacheStatus.hit(freshness.ttlSeconds(entry, now)),
                        CacheMetrics.Result.STALE_WHILE_REVALIDATE, now);
                revalidateAfterAnswering(key, entry, request, response, chain);
            }
            case MUST_REVALIDATE -> forward(key, CacheStatus.Forward.STALE, entry, request, response, chain);
        }
    }

    /** Goes to the origin (once for all concurrent requests of the key) and answers from what it says. */
    private void forward(String key, CacheStatus.Forward why, CachedResponse entry, HttpServletRequest request,
            HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        Fill.Result<Trip> shared = fills.run(key, () -> trip(key, entry, request, response, chain));
        Trip trip = shared.value().orElse(null);
        Boolean collapsed = null;
        if (shared.role() == Fill.Role.COLLAPSED) {
            collapsed = Boolean.TRUE;
            metrics.collapsed();
        } else if (shared.role() != Fill.Role.LEADER) {
            collapsed = Boolean.FALSE;
            trip = trip(key, entry, request, response, chain);
        }
        answerAfterTrip(why, entry, trip, collapsed, request, response);
    }

    private void answerAfterTrip(CacheStatus.Forward why, CachedResponse entry, Trip trip, Boolean collapsed,
            HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        long now = clock.millis();
        OriginAnswer answer = trip.answer();
        CacheStatus status = CacheStatus.forwarded(why, answer.status());
        if (collapsed != null) {
            status = status.collapsed(collapsed);
        }
        CacheMetrics.Result result = why == CacheStatus.Forward.STALE
                ? CacheMetrics.Result.REVALIDATED : CacheMetrics.Result.MISS;
        if (trip.entry() != null) {
            status = status.ttl(freshness.ttlSeconds(trip.entry(), now));
            answer(request, response, trip.entry(), trip.stored() ? status.stored() : status, result, now);
        } else if (answer instanceof OriginAnswer.TooLarge) {
            metrics.answered(result);
            response.setHeader(CacheStatus.FIELD_NAME, CacheStatus.tooLarge(why).value());
            originServlet.forward(request, response);
        } else if (answer.status() >= 500 && entry != null && freshness.mayServeStaleOnError(entry, now)) {
            answer(request, response, entry, CacheStatus.staleIfError(answer.status(), freshness.ttlSeconds(entry, now)),
                    CacheMetrics.Result.STALE_IF_ERROR, now);
        } else {
            OriginAnswer.Passed passed = (OriginAnswer.Passed) answer;
            metrics.answered(CacheMetrics.Result.PASSED);
            StoredAnswer.send(request, response, passed.status(),
                    passed.fields().plus(CacheStatus.FIELD_NAME, status.value()), passed.body());
        }
    }

    /**
     * Asks the origin (conditionally when {@code entry} has a validator) and brings the store up
     * to date with the answer, before anyone answers from it.
     */
    private Trip trip(String key, CachedResponse entry, HttpServletRequest request, HttpServletResponse response,
            FilterChain chain) {
        long now = clock.millis();
        OriginAnswer answer = origin.fetch(request, response, chain,
                entry == null ? Optional.empty() : entry.etag(), now);
        if (answer instanceof OriginAnswer.NotModified notModified) {
            Optional<CachedResponse> refreshed = entry.revalidated(now, notModified.fields());
            if (refreshed.isPresent()) {
                if (refreshed.get() != entry) {
                    // New fields: store them. An unchanged entry was freshened in place, and
                    // storing it again would only push it out of the heap tier (see revalidated);
                    // the time is kept for copies the lower tiers give back.
                    cache.put(key, refreshed.get());
                } else {
                    validations.record(key, entry, now);
                }
                return new Trip(answer, refreshed.get(), false);
            }
            // The 304 speaks of another representation than the stored one: fetch it whole.
            answer = origin.fetch(request, response, chain, Optional.empty(), now);
        }
        if (answer instanceof OriginAnswer.Storable storable) {
            cache.put(key, storable.response());
            return new Trip(answer, storable.response(), true);
        }
        if (answer instanceof OriginAnswer.TooLarge) {
            cache.remove(key);
            largeKeys.remember(key, now);
        }
        return new Trip(answer, null, false);
    }

    /**
     * Revalidates a stale entry after its answer went out: the client has every byte (the body's
     * length was announced and the buffer is flushed), so only this thread waits for the origin.
     * One revalidation per key at a time; the others just served the stale answer.
     */
    private void revalidateAfterAnswering(String key, CachedResponse entry, HttpServletRequest request,
            HttpServletResponse response, FilterChain chain) throws IOException {
        if (!revalidating.add(key)) {
            return;
        }
        try {
            response.flushBuffer();
            trip(key, entry, request, response, chain);
        } finally {
            revalidating.remove(key);
            // The client's body was the stored one, whatever the origin trip just recorded.
            request.setAttribute(RequestFacts.SOURCE, RequestFacts.SOURCE_CACHE);
        }
    }

    private void answer(HttpServletRequest request, HttpServletResponse response, CachedResponse entry,
            CacheStatus status, CacheMetrics.Result result, long now) throws IOException {
        metrics.answered(result);
        if (request.getAttribute(RequestFacts.SOURCE) == null) {
            // Not set by an origin trip of this very request: the body is a stored one.
            request.setAttribute(RequestFacts.SOURCE, RequestFacts.SOURCE_CACHE);
        }
        StoredAnswer.send(request, response, entry, status, now, metrics::bytesSent);
    }
}
