package io.pixmesh.config;

/**
 * The in-process HTTP cache's settings ({@code pixmesh.cache.*}).
 *
 * @param enabled            whether the caching filter answers at all ({@code pixmesh.cache.enabled})
 * @param heapEntries        entries held on the Java heap ({@code pixmesh.cache.heapEntries})
 * @param offheapMB          MiB held in direct memory ({@code pixmesh.cache.offheapMB})
 * @param diskMB             MiB held on disk under the cache directory ({@code pixmesh.cache.diskMB}), larger than off-heap
 * @param maxObjectBytes     larger answers are not stored ({@code pixmesh.cache.maxObjectKB})
 * @param revalidateSeconds  how long a stored answer is used before the origin is asked again ({@code pixmesh.cache.revalidateSeconds})
 * @param fillWaitMillis     how long a request waits for another's fill of the same key ({@code pixmesh.cache.fillWaitMs})
 */
public record CacheSettings(
        boolean enabled,
        int heapEntries,
        int offheapMB,
        int diskMB,
        long maxObjectBytes,
        int revalidateSeconds,
        long fillWaitMillis) {
}
