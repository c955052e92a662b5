package io.pixmesh.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixmesh.cache.CacheStats.Tier;
import io.pixmesh.http.ResponseHeaders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResponseCacheTest {

    /** Small tiers, so that tests fill them quickly. */
    private static final CacheTiers TIERS = new CacheTiers(10, 1, 2);
    private static final int KB = 1000;

    @TempDir
    Path cacheDir;

    @Test
    void returnsWhatWasPut() {
        try (ResponseCache cache = ResponseCache.open(cacheDir, TIERS)) {
            CachedResponse image = image("a", 10 * KB);

            cache.put("a.png", image);

            assertThat(cache.get("a.png")).contains(image);
            assertThat(cache.get("b.png")).isEmpty();
            assertThat(cache.persistent()).isTrue();
        }
    }

    @Test
    void aHeapHitReturnsTheStoredInstanceWithoutCopyingTheBody() {
        try (ResponseCache cache = ResponseCache.open(cacheDir, TIERS)) {
            cache.put("a.png", image("a", 100 * KB));

            CachedResponse first = cache.get("a.png").orElseThrow();
            CachedResponse second = cache.get("a.png").orElseThrow();

            assertThat(second).isSameAs(first);
            assertThat(second.body()).isSameAs(first.body());
        }
    }

    @Test
    void removeAndClearForget() {
        try (ResponseCache cache = ResponseCache.open(cacheDir, TIERS)) {
            cache.put("a.png", image("a", KB));
            cache.put("b.png", image("b", KB));
            cache.put("c.png", image("c", KB));

            cache.remove("a.png");
            assertThat(cache.get("a.png")).isEmpty();
            assertThat(cache.get("b.png")).isPresent();

            cache.clear();
            assertThat(cache.get("b.png")).isEmpty();
            assertThat(cache.get("c.png")).isEmpty();
        }
    }

    @Test
    void countsItsAnswersAndEachTiersWork() {
        try (ResponseCache cache = ResponseCache.open(cacheDir, TIERS)) {
            cache.put("a.png", image("a", KB));
            cache.put("b.png", image("b", KB));
            cache.get("a.png");
            cache.get("a.png");
            cache.get("missing.png");

            CacheStats stats = cache.stats();

            assertThat(stats.hits()).isEqualTo(2);
            assertThat(stats.misses()).isEqualTo(1);
            assertThat(stats.puts()).isEqualTo(2);
            assertThat(stats.entries()).isEqualTo(2);
            assertThat(stats.tiers()).containsOnlyKeys(Tier.HEAP, Tier.OFFHEAP, Tier.DISK);
            assertThat(stats.tiers().get(Tier.HEAP).hits()).isEqualTo(1);
            assertThat(stats.tiers().get(Tier.DISK).mappings()).isEqualTo(2);
        }
    }

    @Test
    void entriesSurviveARestartOnTheDiskTier() {
        CachedResponse image = image("a", 100 * KB);
        CachedResponse notFound = CachedResponse.of(404,
                ResponseHeaders.builder().add("Cache-Control", "public, max-age=10").build(),
                "not found".getBytes(StandardCharsets.US_ASCII), 7);
        try (ResponseCache cache = ResponseCache.open(cacheDir, TIERS)) {
            cache.put("a.png", image);
            cache.put("gone.png", notFound);
        }

        try (ResponseCache reopened = ResponseCache.open(cacheDir, TIERS)) {
            assertThat(reopened.persistent()).isTrue();
            assertThat(reopened.get("a.png")).contains(image);
            assertThat(reopened.get("gone.png")).contains(notFound);
        }
    }

    @Test
    void aDamagedRecordIsAMissAndIsRemoved() throws IOException {
        try (ResponseCache cache = ResponseCache.open(cacheDir, TIERS)) {
            cache.put("a.png", image("a", 10 * KB));
            cache.put("b.png", image("b", 10 * KB));
        }
        damageFirstOccurrence("marker-b");

        try (ResponseCache reopened = ResponseCache.open(cacheDir, TIERS)) {
            assertThat(reopened.get("b.png")).isEmpty();
            assertThat(reopened.get("a.png")).isPresent();
            assertThat(reopened.stats().entries()).isEqualTo(1);
            assertThat(reopened.stats().misses()).isEqualTo(1);
        }
    }

    @Test
    void aDiskTierOfGarbageIsMovedAsideAndTheCacheStartsEmpty() throws IOException {
        try (ResponseCache cache = ResponseCache.open(cacheDir, TIERS)) {
            cache.put("a.png", image("a", 10 * KB));
        }
        List<Path> files = filesUnder(cacheDir.resolve(ResponseCache.DIRECTORY));
        Random random = new Random(9111);
        for (Path file : files) {
            byte[] garbage = new byte[Math.max(100, (int) Files.size(file))];
            random.nextBytes(garbage);
            Files.write(file, garbage);
        }

        try (ResponseCache reopened = ResponseCache.open(cacheDir, TIERS)) {
            assertThat(reopened.persistent()).isTrue();
            assertThat(reopened.get("a.png")).isEmpty();
            reopened.put("b.png", image("b", KB));
            assertThat(reopened.get("b.png")).isPresent();
        }
        assertThat(cacheDir.resolve(ResponseCache.DISCARDED)).isDirectory();
    }

    @Test
    void aDiskTierLockedByAnotherCacheIsMovedAside() {
        CachedResponse image = image("a", KB);
        try (ResponseCache holder = ResponseCache.open(cacheDir, TIERS)) {
            holder.put("a.png", image);

            try (ResponseCache second = ResponseCache.open(cacheDir, TIERS)) {
                assertThat(second.persistent()).isTrue();
                assertThat(second.get("a.png")).isEmpty();
            }
            assertThat(holder.get("a.png")).contains(image);
        }
    }

    @Test
    void runsWithoutTheDiskTierWhenNoDirectoryCanBeMade() throws IOException {
        Path notADirectory = Files.writeString(cacheDir.resolve("file"), "in the way");

        try (ResponseCache cache = ResponseCache.open(notADirectory, TIERS)) {
            cache.put("a.png", image("a", 10 * KB));

            assertThat(cache.persistent()).isFalse();
            assertThat(cache.get("a.png")).isPresent();
            assertThat(cache.stats().tiers()).containsOnlyKeys(Tier.HEAP, Tier.OFFHEAP);
            assertThat(cache.stats().entries()).isEqualTo(1);
        }
    }

    @Test
    void holdsNoMoreThanItsTiersAndEvictsTheRest() {
        int count = 200;
        int size = 100 * KB;
        try (ResponseCache cache = ResponseCache.open(cacheDir, TIERS)) {
            for (int i = 0; i < count; i++) {
                cache.put("image-" + i, image("i" + i, size));
            }
            long present = Stream.iterate(0, i -> i + 1).limit(count)
                    .filter(i -> cache.get("image-" + i).isPresent())
                    .count();

            CacheStats stats = cache.stats();
            long diskBytes = TIERS.diskMB() * 1024 * 1024;
            assertThat(present).isEqualTo(stats.entries()).isPositive();
            assertThat(present * size).isLessThanOrEqualTo(diskBytes);
            assertThat(stats.tiers().get(Tier.DISK).occupiedBytes()).isLessThanOrEqualTo(diskBytes);
            assertThat(stats.tiers().get(Tier.DISK).evictions()).isPositive();
            assertThat(stats.tiers().get(Tier.HEAP).mappings()).isLessThanOrEqualTo(10);
            assertThat(cache.get("image-" + (count - 1))).isPresent();
        }
    }

    /** A 200 of {@code size} random bytes, carrying {@code marker-<name>} in a header. */
    private static CachedResponse image(String name, int size) {
        byte[] body = new byte[size];
        new Random(name.hashCode()).nextBytes(body);
        ResponseHeaders headers = ResponseHeaders.builder()
                .add("Content-Type", "image/png")
                .add("ETag", "\"" + name + "\"")
                .add("X-Test", "marker-" + name)
                .build();
        return CachedResponse.of(200, headers, body, 1_700_000_000_000L);
    }

    /** Flips one bit of {@code marker} where it first occurs in the disk tier's files. */
    private void damageFirstOccurrence(String marker) throws IOException {
        for (Path file : filesUnder(cacheDir.resolve(ResponseCache.DIRECTORY))) {
            byte[] bytes = Files.readAllBytes(file);
            int at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf(marker);
            if (at >= 0) {
                bytes[at] ^= 1;
                Files.write(file, bytes);
                return;
            }
        }
        throw new AssertionError(marker + " not found in the disk tier");
    }

    private static List<Path> filesUnder(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(Files::isRegularFile).collect(Collectors.toList());
        }
    }
}
