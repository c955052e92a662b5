package io.pixmesh.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The caching filter's counters, and Ehcache's per-tier counters, as Micrometer meters named
 * {@code pixmesh.cache.*} (Prometheus: {@code pixmesh_cache_*}).
 */
final class CacheMetrics {

    /** How a request was answered; the {@code result} label of {@code pixmesh_cache_requests_total}. */
    enum Result {
        /** Fresh stored response, origin not asked. */
        HIT,
        /** Stale stored response served at once while revalidating in the background. */
        STALE_WHILE_REVALIDATE,
        /** Stale stored response served because the origin failed (stale-if-error). */
        STALE_IF_ERROR,
        /** Nothing stored: the origin was asked (also when its answer then proved too large to store). */
        MISS,
        /** Stale stored response checked with the origin before answering. */
        REVALIDATED,
        /** Known too large to store ({@link LargeKeys}): sent straight to the origin, which answered itself. */
        BYPASS,
        /** The origin's answer was passed on (an error, or not storable). */
        PASSED
    }

    private final Map<Result, Counter> requests = new EnumMap<>(Result.class);
    private final Counter collapsed;
    private final Counter bytes;

    CacheMetrics(MeterRegistry registry, ResponseCache cache) {
        for (Result result : Result.values()) {
            requests.put(result, Counter.builder("pixmesh.cache.requests")
                    .description("Requests the caching filter answered, by how")
                    .tag("result", result.name().toLowerCase(Locale.ROOT))
                    .register(registry));
        }
        collapsed = Counter.builder("pixmesh.cache.collapsed")
                .description("Requests that waited for another request's fill of the same key and used its answer")
                .register(registry);
        bytes = Counter.builder("pixmesh.cache.bytes")
                .baseUnit("bytes")
                .description("Body bytes sent from stored responses")
                .register(registry);
        Gauge.builder("pixmesh.cache.entries", cache, c -> c.stats().entries())
                .description("Responses held by the cache")
                .register(registry);
        for (CacheStats.Tier tier : CacheStats.Tier.values()) {
            tierCounter(registry, cache, tier, "hits", CacheStats.TierStats::hits);
            tierCounter(registry, cache, tier, "misses", CacheStats.TierStats::misses);
            tierCounter(registry, cache, tier, "evictions", CacheStats.TierStats::evictions);
            Gauge.builder("pixmesh.cache.tier.entries", cache, c -> tierValue(c, tier, CacheStats.TierStats::mappings))
                    .tag("tier", tier.name().toLowerCase(Locale.ROOT))
                    .description("Responses held by one tier")
                    .register(registry);
        }
    }

    void answered(Result result) {
        requests.get(result).increment();
    }

    void collapsed() {
        collapsed.increment();
    }

    void bytesSent(long count) {
        bytes.increment(count);
    }

    private static void tierCounter(MeterRegistry registry, ResponseCache cache, CacheStats.Tier tier, String name,
            ToLongFunction<CacheStats.TierStats> value) {
        FunctionCounter.builder("pixmesh.cache.tier." + name, cache, c -> tierValue(c, tier, value))
                .tag("tier", tier.name().toLowerCase(Locale.ROOT))
                .description("Ehcache's " + name + " for one tier")
                .register(registry);
    }

    private static double tierValue(ResponseCache cache, CacheStats.Tier tier, ToLongFunction<CacheStats.TierStats> value) {
        CacheStats.TierStats stats = cache.stats().tiers().get(tier);
        return stats == null ? 0 : value.applyAsLong(stats);
    }
}
