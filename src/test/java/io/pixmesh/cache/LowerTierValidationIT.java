package io.pixmesh.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixmesh.testing.HttpExchange;
import io.pixmesh.testing.HttpExchange.Response;
import io.pixmesh.testing.Metrics;
import io.pixmesh.testing.PixmeshWar;
import io.pixmesh.testing.Poll;
import io.pixmesh.testing.TestStore;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A revalidation is remembered even for an entry the heap tier has dropped: read back from the
 * off-heap tier, it is fresh again, not revalidated a second time. The heap tier holds one entry
 * here, so storing another image pushes the first out of it.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LowerTierValidationIT {

    private static final String NAME = "lowertier";
    private static final TestStore STORE = TestStore.create(NAME);
    private static final int REVALIDATE_SECONDS = 4;

    @Deployment
    static WebArchive deployment() {
        return PixmeshWar.serving(NAME, STORE, Map.of(
                "pixmesh.cache.heapEntries", "1",
                "pixmesh.cache.revalidateSeconds", Integer.toString(REVALIDATE_SECONDS),
                "pixmesh.cacheControl.default", "public, max-age=600, stale-while-revalidate=600"));
    }

    private static Response get(String path) throws IOException {
        return HttpExchange.get("/" + NAME + path).send(PixmeshWar.port());
    }

    private static double metric(String name) throws IOException {
        return Metrics.sum("/" + NAME, name);
    }

    @Test
    void aRevalidatedEntryReadBackFromOffHeapIsFreshNotRevalidatedAgain() throws Exception {
        STORE.write("a.png", TestStore.bytes(3000, 41));
        get("/a.png");

        // Once a.png is stale, a request for it is answered at once and revalidates it after.
        double originBefore = metric("pixmesh_origin_requests_total");
        Response stale = Poll.until(() -> get("/a.png"),
                r -> r.header("Cache-Status").matches("Pixmesh; hit; ttl=(0|-\\d+)"),
                Duration.ofSeconds(REVALIDATE_SECONDS + 10));
        double revalidated = Poll.until(() -> metric("pixmesh_origin_requests_total"),
                count -> count > originBefore, Duration.ofSeconds(10));
        assertThat(stale.header("Cache-Status")).matches("Pixmesh; hit; ttl=(0|-\\d+)");
        assertThat(revalidated).as("one revalidation of a.png").isEqualTo(originBefore + 1);

        // c.png takes the heap tier's one place: stored by a miss (answered only once its trip is
        // over), then read, which is what brings an entry into the heap tier.
        STORE.write("c.png", TestStore.bytes(3000, 43));
        get("/c.png");
        get("/c.png");
        double originAfterMiss = metric("pixmesh_origin_requests_total");
        double offHeapBefore = metric("pixmesh_cache_tier_hits_total{tier=\"offheap\"}");
        Response again = get("/a.png");

        assertThat(originAfterMiss).isEqualTo(revalidated + 1);
        assertThat(metric("pixmesh_cache_tier_hits_total{tier=\"offheap\"}") - offHeapBefore)
                .as("a.png was read back from the off-heap tier").isEqualTo(1.0);
        assertThat(again.header("Cache-Status")).as("fresh from its revalidation")
                .matches("Pixmesh; hit; ttl=[1-" + REVALIDATE_SECONDS + "]");
        assertThat(metric("pixmesh_origin_requests_total")).as("no second revalidation").isEqualTo(originAfterMiss);
    }
}
