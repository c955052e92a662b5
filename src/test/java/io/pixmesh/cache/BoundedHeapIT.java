package io.pixmesh.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixmesh.testing.HttpExchange;
import io.pixmesh.testing.Metrics;
import io.pixmesh.testing.PixmeshWar;
import io.pixmesh.testing.TestStore;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Heap use does not grow with the number of distinct images: ten times more images than the
 * tiers hold go through the cache, and the heap keeps only what the heap tier may hold. The
 * embedded Tomcat runs in this JVM, so this JVM's heap is the server's.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BoundedHeapIT {

    private static final String NAME = "boundedheap";
    private static final TestStore STORE = TestStore.create(NAME);
    private static final int IMAGE_BYTES = 100 * 1024;
    private static final int HEAP_ENTRIES = 20;
    private static final int OFFHEAP_MB = 2;
    private static final int DISK_MB = 4;
    /** Ten times what the three tiers hold together: 20 x 100 KiB + 2 MiB + 4 MiB. */
    private static final int IMAGES = 10 * (HEAP_ENTRIES * IMAGE_BYTES + (OFFHEAP_MB + DISK_MB) * 1024 * 1024) / IMAGE_BYTES;
    /** Room for what else a running server allocates and keeps (class metadata aside). */
    private static final long SLACK_BYTES = 24L * 1024 * 1024;

    @Deployment
    static WebArchive deployment() {
        for (int i = 0; i < IMAGES; i++) {
            STORE.write("many/" + i + ".jpg", TestStore.bytes(IMAGE_BYTES, i));
        }
        return PixmeshWar.serving(NAME, STORE, Map.of(
                "pixmesh.cache.heapEntries", Integer.toString(HEAP_ENTRIES),
                "pixmesh.cache.offheapMB", Integer.toString(OFFHEAP_MB),
                "pixmesh.cache.diskMB", Integer.toString(DISK_MB),
                "pixmesh.cache.maxObjectKB", "256"));
    }

    @Test
    void heapStaysWithinTheHeapTierWhateverTheNumberOfDistinctImages() throws IOException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        requestImages(0, HEAP_ENTRIES);
        memory.gc();
        long before = memory.getHeapMemoryUsage().getUsed();

        requestImages(HEAP_ENTRIES, IMAGES);
        memory.gc();
        long growth = memory.getHeapMemoryUsage().getUsed() - before;

        long everything = (long) IMAGES * IMAGE_BYTES;
        assertThat(growth).as("heap growth after %d distinct images (%d MiB of bodies)", IMAGES, everything >> 20)
                .isLessThan((long) HEAP_ENTRIES * IMAGE_BYTES + SLACK_BYTES);
        assertThat(Metrics.sum("/" + NAME, "pixmesh_cache_tier_evictions_total")).isPositive();
    }

    private static void requestImages(int from, int to) throws IOException {
        for (int i = from; i < to; i++) {
            assertThat(HttpExchange.get("/" + NAME + "/many/" + i + ".jpg").send(PixmeshWar.port()).status())
                    .isEqualTo(200);
        }
    }
}
