package io.pixmesh.cache;

import java.util.Map;

/**
 * A snapshot of the response cache's counters since it opened. The cache-wide counts are the
 * cache's own answers; the per-tier counts are Ehcache's, for the tiers it runs.
 *
 * @param hits looks-ups answered with a stored response
 * @param misses look-ups answered with nothing, including records that failed to read
 * @param puts responses stored
 * @param entries responses held now, by the lowest tier (which holds every entry)
 * @param tiers each running tier's counters; no {@link Tier#DISK} entry when the cache runs
 *     without its disk tier
 */
public record CacheStats(long hits, long misses, long puts, long entries,
        Map<Tier, TierStats> tiers) {

    public CacheStats {
        tiers = Map.copyOf(tiers);
    }

    /** The tiers, fastest first. */
    public enum Tier {
        HEAP, OFFHEAP, DISK
    }

    /**
     * One tier's counters, as Ehcache reports them.
     *
     * @param hits look-ups this tier answered
     * @param misses look-ups this tier passed down, or answered with nothing
     * @param evictions entries this tier dropped for room
     * @param mappings entries this tier holds now
     * @param occupiedBytes bytes this tier's entries take, or -1 where Ehcache does not tell
     */
    public record TierStats(long hits, long misses, long evictions, long mappings,
            long occupiedBytes) {
    }
}
