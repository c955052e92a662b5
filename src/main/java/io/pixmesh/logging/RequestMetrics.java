package io.pixmesh.logging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

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
    /** Statuses with a slot in {@link #slots}: every one a servlet can set that HTTP defines. */
    private static final int FIRST_STATUS = 100;
    private static final int LAST_STATUS = 599;

    private final MeterRegistry registry;
    private final Counter bytes;
    private final Counter lines;
    /**
     * One timer per status and cache result, found without building a meter id, a key string or
     * a boxed key per request: slot {@code (status - 100) * 5 + result} for the statuses HTTP
     * defines, made on first use. Other statuses (a servlet may set any int) go to {@link #others}.
     */
    private final AtomicReferenceArray<Timer> slots =
            new AtomicReferenceArray<>((LAST_STATUS - FIRST_STATUS + 1) * RESULTS.size());
    private final Map<Integer, Timer> others = new ConcurrentHashMap<>();

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
        timer(event.status(), cacheResult(event.cacheStatus())).record(event.durationMicros(), TimeUnit.MICROSECONDS);
        bytes.increment(event.bytes());
        if (logged) {
            lines.increment();
        }
    }

    private Timer timer(int status, String cache) {
        int result = RESULTS.indexOf(cache);
        if (status < FIRST_STATUS || status > LAST_STATUS) {
            return others.computeIfAbsent(status * RESULTS.size() + result, unused -> register(status, cache));
        }
        int slot = (status - FIRST_STATUS) * RESULTS.size() + result;
        Timer timer = slots.get(slot);
        if (timer == null) {
            // Registering twice is harmless: the registry returns the meter it already holds.
            timer = register(status, cache);
            slots.set(slot, timer);
        }
        return timer;
    }

    private Timer register(int status, String cache) {
        return Timer.builder("pixmesh.requests")
                .description("Requests by status and by how the cache answered, with their latency")
                .tag("status", Integer.toString(status))
                .tag("cache", cache)
                .publishPercentileHistogram()
                .register(registry);
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
