package io.pixmesh.logging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The access log's numbers, from the same {@link AccessEvent} as its lines:
 * {@code pixmesh_requests_seconds{status,cache}} (a timer with a latency histogram),
 * {@code pixmesh_response_bytes_total} and {@code pixmesh_access_lines_total}.
 */
final class RequestMetrics {

    private static final String NONE = "none";
    private static final String HIT = "hit";
    private static final String MISS = "miss";
    private static final String REVALIDATED = "revalidated";
    private static final String STALE_IF_ERROR = "stale_if_error";
    /** Every value of {@link #cacheResult}. */
    private static final List<String> RESULTS = List.of(NONE, HIT, MISS, REVALIDATED, STALE_IF_ERROR);

    private final MeterRegistry registry;
    private final Counter bytes;
    private final Counter lines;
    /**
     * One timer per status and cache result, found without building a meter id (or any key
     * string) per request: the key packs the status and the result's index.
     */
    private final Map<Integer, Timer> timers = new ConcurrentHashMap<>();

    RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.bytes = Counter.builder("pixmesh.response.bytes").baseUnit("bytes")
                .description("Body bytes sent, sendfile included")
                .register(registry);
        this.lines = Counter.builder("pixmesh.access.lines")
                .description("Access log lines handed to the logger")
                .register(registry);
    }

    void record(AccessEvent event, boolean logged) {
        String cache = cacheResult(event.cacheStatus());
        int key = event.status() * RESULTS.size() + RESULTS.indexOf(cache);
        timers.computeIfAbsent(key, unused -> Timer.builder("pixmesh.requests")
                        .description("Requests by status and by how the cache answered, with their latency")
                        .tag("status", Integer.toString(event.status()))
                        .tag("cache", cache)
                        .publishPercentileHistogram()
                        .register(registry))
                .record(event.durationMicros(), TimeUnit.MICROSECONDS);
        bytes.increment(event.bytes());
        if (logged) {
            lines.increment();
        }
    }

    /**
     * A small, fixed set of labels read from a {@code Cache-Status} value (see
     * {@code io.pixmesh.cache.CacheStatus} for the forms): {@code hit}, {@code miss},
     * {@code revalidated}, {@code stale_if_error}, or {@code none} (no cache took part).
     */
    static String cacheResult(String cacheStatus) {
        if (cacheStatus.isEmpty()) {
            return NONE;
        }
        if (cacheStatus.contains("; hit")) {
            return HIT;
        }
        if (cacheStatus.contains("detail=stale-if-error")) {
            return STALE_IF_ERROR;
        }
        return cacheStatus.contains("fwd=stale") ? REVALIDATED : MISS;
    }
}
