package io.pixmesh.cache;

import io.pixmesh.cache.CacheStats.Tier;
import io.pixmesh.cache.CacheStats.TierStats;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.ehcache.Cache;
import org.ehcache.CacheManager;
import org.ehcache.Status;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.CacheManagerBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.config.units.MemoryUnit;
import org.ehcache.core.internal.statistics.DefaultStatisticsService;
import org.ehcache.core.spi.service.StatisticsService;
import org.ehcache.core.statistics.TierStatistics;
import org.ehcache.impl.copy.IdentityCopier;
import org.ehcache.spi.serialization.SerializerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stored responses by key, in three Ehcache tiers: heap (a number of entries), off-heap and
 * disk (sizes in MiB), the disk tier kept in {@code <cacheDir>/ehcache} across restarts.
 *
 * <p>Guarantees:
 * <ul>
 * <li>Opening never fails because of the directory. A disk tier that cannot be opened (corrupt,
 *     unreadable, locked) is moved aside to {@code ehcache.discarded}, replacing any earlier one,
 *     and opened afresh; if that fails too, the cache runs on heap and off-heap only. Each step
 *     is logged as a warning. A tier locked by a cache still running (another deployment in
 *     this JVM, or another process) is moved aside too: that cache keeps working in the moved
 *     directory, and this one starts empty.
 * <li>A record that fails to read (see {@link CachedResponseSerializer}) is removed and
 *     answered as a miss, with a warning; it never reaches the caller as an exception.
 * <li>The heap tier holds responses by reference, so a heap hit returns the very instance
 *     stored there, body included, without copying. Off-heap and disk hits read the record
 *     into a new instance, which the heap tier then keeps.
 * <li>Entries are evicted, never refused, when the tiers are full; a response larger than a
 *     tier can hold is simply not kept.
 * <li>{@link #close} writes the disk tier out so that it is found again on the next open.
 * </ul>
 * Safe for use by many threads; not to be used after {@link #close}.
 */
public final class ResponseCache implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(ResponseCache.class);

    /** The disk tier's directory under the cache directory. */
    static final String DIRECTORY = "ehcache";
    /** Where an unusable disk tier is moved. */
    static final String DISCARDED = "ehcache.discarded";
    private static final String ALIAS = "responses";
    private static final Map<Tier, String> EHCACHE_TIER_NAMES =
            Map.of(Tier.HEAP, "OnHeap", Tier.OFFHEAP, "OffHeap", Tier.DISK, "Disk");

    private final CacheManager manager;
    private final Cache<String, CachedResponse> cache;
    private final StatisticsService statistics;
    private final boolean persistent;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder puts = new LongAdder();

    private ResponseCache(CacheManager manager, StatisticsService statistics, boolean persistent) {
        this.manager = manager;
        this.cache = manager.getCache(ALIAS, String.class, CachedResponse.class);
        this.statistics = statistics;
        this.persistent = persistent;
    }

    /**
     * Opens the cache with its disk tier under {@code cacheDir}, or without one if the disk
     * tier cannot be opened even afresh.
     */
    public static ResponseCache open(Path cacheDir, CacheTiers tiers) {
        Path dir = cacheDir.resolve(DIRECTORY);
        try {
            return start(dir, tiers);
        } catch (RuntimeException first) {
            log.warn("Cannot open the response cache's disk tier in {}; moving it aside to {}"
                    + " and starting it empty", dir, DISCARDED, first);
        }
        try {
            moveAside(dir, cacheDir.resolve(DISCARDED));
            return start(dir, tiers);
        } catch (IOException | RuntimeException second) {
            log.warn("Cannot open a fresh disk tier in {} either; the response cache runs on"
                    + " heap and off-heap only until restarted", dir, second);
        }
        return start(null, tiers);
    }

    /**
     * The stored response for {@code key}, or empty if there is none or its record fails to
     * read.
     */
    public Optional<CachedResponse> get(String key) {
        CachedResponse response = read(key);
        (response == null ? misses : hits).increment();
        return Optional.ofNullable(response);
    }

    /**
     * Stores {@code response} under {@code key}, replacing what was there and evicting other
     * entries as needed. A response too large for the disk tier (about half its size, as
     * Ehcache splits it) is not kept, and Ehcache logs so.
     */
    public void put(String key, CachedResponse response) {
        cache.put(key, Objects.requireNonNull(response, "response"));
        puts.increment();
    }

    /** Forgets {@code key}. */
    public void remove(String key) {
        cache.remove(key);
    }

    /** Forgets every key. */
    public void clear() {
        cache.clear();
    }

    /** Whether the disk tier is running; false after it failed to open. */
    /** Whether the cache can answer: its manager is running (not closed, not failed). */
    public boolean isAvailable() {
        return manager.getStatus() == Status.AVAILABLE;
    }

    public boolean persistent() {
        return persistent;
    }

    /** The counters now. */
    public CacheStats stats() {
        Map<String, TierStatistics> byName =
                statistics.getCacheStatistics(ALIAS).getTierStatistics();
        Map<Tier, TierStats> tiers = new EnumMap<>(Tier.class);
        EHCACHE_TIER_NAMES.forEach((tier, name) -> {
            TierStatistics stats = byName.get(name);
            if (stats != null) {
                tiers.put(tier, new TierStats(stats.getHits(), stats.getMisses(),
                        stats.getEvictions(), stats.getMappings(), stats.getOccupiedByteSize()));
            }
        });
        long entries = tiers.get(persistent ? Tier.DISK : Tier.OFFHEAP).mappings();
        return new CacheStats(hits.sum(), misses.sum(), puts.sum(), entries, tiers);
    }

    /** Closes the tiers, writing the disk tier out for the next open. */
    @Override
    public void close() {
        // Idempotent, as Closeable asks: Ehcache refuses to close a manager twice.
        if (manager.getStatus() == Status.AVAILABLE) {
            manager.close();
        }
    }

    private CachedResponse read(String key) {
        try {
            return cache.get(key);
        } catch (SerializerException e) {
            // Ehcache hands a failed read to the caller, not to its resilience strategy.
            log.warn("Dropping the cached response for {}: its record cannot be read", key, e);
            cache.remove(key);
            return null;
        }
    }

    /** Builds and starts the cache, persistent in {@code dir} or, if null, without disk. */
    private static ResponseCache start(Path dir, CacheTiers tiers) {
        ResourcePoolsBuilder pools = ResourcePoolsBuilder.heap(tiers.heapEntries())
                .offheap(tiers.offheapMB(), MemoryUnit.MB);
        if (dir != null) {
            pools = pools.disk(tiers.diskMB(), MemoryUnit.MB, true);
        }
        CacheConfigurationBuilder<String, CachedResponse> config = CacheConfigurationBuilder
                .newCacheConfigurationBuilder(String.class, CachedResponse.class, pools)
                .withValueSerializer(new CachedResponseSerializer())
                // By reference: a heap hit must not copy an image.
                .withValueCopier(IdentityCopier.identityCopier());
        DefaultStatisticsService statistics = new DefaultStatisticsService();
        CacheManagerBuilder<CacheManager> builder = CacheManagerBuilder.newCacheManagerBuilder()
                .using(statistics)
                .withCache(ALIAS, config);
        CacheManager manager = dir == null
                ? builder.build(true)
                : builder.with(CacheManagerBuilder.persistence(dir.toFile())).build(true);
        return new ResponseCache(manager, statistics, dir != null);
    }

    /** Replaces {@code discarded} by {@code dir}, if {@code dir} exists. */
    private static void moveAside(Path dir, Path discarded) throws IOException {
        deleteTree(discarded);
        if (Files.exists(dir)) {
            Files.move(dir, discarded);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }
}
