package io.pixmesh.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixmesh.testing.HttpExchange.Response;
import io.pixmesh.testing.HttpExchange;
import io.pixmesh.testing.Metrics;
import io.pixmesh.testing.PixmeshWar;
import io.pixmesh.testing.Poll;
import io.pixmesh.testing.TestStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the caching filter adds: hits, revalidation, collapsed fills, {@code Cache-Status} and
 * {@code Age}. Stored answers are fresh for one second here, 404s for one second.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CacheBehaviourIT {

    private static final String NAME = "cachebehaviour";
    private static final TestStore STORE = TestStore.create(NAME);
    /** The revalidation interval plus a generous margin for a loaded machine. */
    private static final Duration DEADLINE = Duration.ofMillis(2_500);

    @Deployment
    static WebArchive deployment() {
        return PixmeshWar.serving(NAME, STORE, Map.of(
                "pixmesh.cache.revalidateSeconds", "1",
                "pixmesh.negativeTtlSeconds", "1",
                "pixmesh.cacheControl.default", "public, max-age=600"));
    }

    private static Response get(String path) throws IOException {
        return HttpExchange.get("/" + NAME + path).send(PixmeshWar.port());
    }

    private static double origin() throws IOException {
        return Metrics.sum("/" + NAME, "pixmesh_origin_requests_total");
    }

    @Test
    void aMissIsStoredAndTheNextRequestIsAHitThatNeverReachesTheServlet() throws IOException {
        byte[] bytes = TestStore.bytes(5000, 21);
        STORE.write("hit.png", bytes);

        Response miss = get("/hit.png");
        double originAfterMiss = origin();
        Response hit = get("/hit.png");

        assertThat(miss.header("Cache-Status")).isEqualTo("Pixmesh; fwd=uri-miss; fwd-status=200; ttl=1; stored");
        assertThat(hit.header("Cache-Status")).matches("Pixmesh; hit; ttl=[01]");
        assertThat(hit.header("Age")).isIn("0", "1");
        assertThat(hit.body()).isEqualTo(bytes);
        assertThat(origin()).isEqualTo(originAfterMiss);
    }

    @Test
    void aReplacedFileIsServedOnceTheEntryIsRevalidated() throws Exception {
        STORE.write("replaced.png", TestStore.bytes(4000, 22));
        get("/replaced.png");
        byte[] replacement = TestStore.bytes(4000, 23);
        Path temp = STORE.write(".replacement.tmp", replacement);
        Files.move(temp, STORE.store().resolve("replaced.png"), StandardCopyOption.ATOMIC_MOVE);

        Response seen = pollUntil("/replaced.png", r -> java.util.Arrays.equals(r.body(), replacement));

        assertThat(seen.body()).isEqualTo(replacement);
    }

    @Test
    void aDeletedFileIsNotFoundOnceTheEntryIsRevalidated() throws Exception {
        STORE.write("deleted.png", TestStore.bytes(4000, 24));
        assertThat(get("/deleted.png").status()).isEqualTo(200);
        Files.delete(STORE.store().resolve("deleted.png"));

        assertThat(pollUntil("/deleted.png", r -> r.status() == 404).status()).isEqualTo(404);
    }

    @Test
    void aCachedNotFoundIsAnsweredFromTheCacheUntilItExpires() throws Exception {
        Response first = get("/later.png");
        Response cached = get("/later.png");
        STORE.write("later.png", TestStore.bytes(100, 25));

        assertThat(first.status()).isEqualTo(404);
        assertThat(cached.status()).isEqualTo(404);
        assertThat(cached.header("Cache-Status")).startsWith("Pixmesh; hit");
        assertThat(pollUntil("/later.png", r -> r.status() == 200).status()).isEqualTo(200);
    }

    @Test
    void fiftyConcurrentRequestsForOneColdKeyReachTheServletOnce() throws Exception {
        byte[] bytes = TestStore.bytes(250_000, 26);
        STORE.write("cold.jpg", bytes);
        double before = origin();
        double missesBefore = cacheRequests("miss");
        double hitsBefore = cacheRequests("hit");
        double collapsedBefore = Metrics.sum("/" + NAME, "pixmesh_cache_collapsed_total");
        int clients = 50;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return get("/cold.jpg");
                }));
            }
            start.countDown();
            for (Future<Response> answer : answers) {
                assertThat(answer.get(30, TimeUnit.SECONDS).body()).isEqualTo(bytes);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(origin() - before).isEqualTo(1.0);
        double misses = cacheRequests("miss") - missesBefore;
        double hits = cacheRequests("hit") - hitsBefore;
        assertThat(misses + hits).as("each request answered once, as a miss or a hit").isEqualTo(clients);
        assertThat(Metrics.sum("/" + NAME, "pixmesh_cache_collapsed_total") - collapsedBefore)
                .as("every miss but the leader's waited for its fill").isEqualTo(misses - 1);
    }

    private static double cacheRequests(String result) throws IOException {
        return Metrics.sum("/" + NAME, "pixmesh_cache_requests_total{result=\"" + result + "\"}");
    }

    @Test
    void aStaleEntryIsRevalidatedWithANotModifiedFromTheServlet() throws Exception {
        STORE.write("stale.png", TestStore.bytes(3000, 27));
        get("/stale.png");

        Response revalidated = pollUntil("/stale.png",
                r -> r.header("Cache-Status").contains("fwd=stale"));

        assertThat(revalidated.header("Cache-Status")).isEqualTo("Pixmesh; fwd=stale; fwd-status=304; ttl=1");
        assertThat(revalidated.header("Age")).isEqualTo("0");
    }

    /** Asks for {@code path} until {@code condition} holds, at most the revalidation interval plus a margin. */
    private static Response pollUntil(String path, Predicate<Response> condition) throws Exception {
        return Poll.until(() -> get(path), condition, DEADLINE);
    }
}
