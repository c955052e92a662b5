package io.pixmesh.cache;

/**
 * How much each tier of the response cache holds. Off-heap memory is taken up front when the
 * cache opens; the JVM must allow that much direct memory ({@code -XX:MaxDirectMemorySize},
 * which defaults to the maximum heap size).
 *
 * @param heapEntries how many responses the heap tier keeps ({@code pixmesh.cache.heapEntries})
 * @param offheapMB the off-heap tier's size in MiB ({@code pixmesh.cache.offheapMB})
 * @param diskMB the disk tier's size in MiB ({@code pixmesh.cache.diskMB})
 */
public record CacheTiers(long heapEntries, long offheapMB, long diskMB) {

    /**
     * @throws IllegalArgumentException unless every tier has room and the disk tier is larger
     *     than the off-heap one, as Ehcache requires of a lower tier
     */
    public CacheTiers {
        if (heapEntries < 1 || offheapMB < 1 || diskMB <= offheapMB) {
            throw new IllegalArgumentException("cache tiers need heapEntries >= 1, offheapMB >= 1"
                    + " and diskMB > offheapMB, not " + heapEntries + ", " + offheapMB + ", "
                    + diskMB);
        }
    }
}
