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
import java.util.Arrays;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Serving stale answers as the stored {@code Cache-Control} allows: at once while revalidating
 * (stale-while-revalidate), and when the origin fails (stale-if-error). Entries go stale at once
 * here ({@code revalidateSeconds=0}), so no test waits for time to pass.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StaleAnswersIT {

    private static final String WHILE_REVALIDATE = "swr";
    private static final String IF_ERROR = "sie";
    private static final TestStore SWR_STORE = TestStore.create(WHILE_REVALIDATE);
    private static final TestStore SIE_STORE = TestStore.create(IF_ERROR);

    @Deployment(name = WHILE_REVALIDATE, order = 1)
    static WebArchive staleWhileRevalidate() {
        return deployment(WHILE_REVALIDATE, SWR_STORE, "public, max-age=600, stale-while-revalidate=600");
    }

    @Deployment(name = IF_ERROR, order = 2)
    static WebArchive staleIfError() {
        return deployment(IF_ERROR, SIE_STORE, "public, max-age=600, stale-if-error=600");
    }

    private static WebArchive deployment(String name, TestStore store, String cacheControl) {
        return PixmeshWar.serving(name, store, Map.of(
                "pixmesh.cache.revalidateSeconds", "0",
                "pixmesh.cacheControl.default", cacheControl));
    }

    private static Response get(String context, String path) throws IOException {
        return HttpExchange.get("/" + context + path).send(PixmeshWar.port());
    }

    @Test
    void withinStaleWhileRevalidateTheStaleAnswerGoesOutAtOnceAndTheNextSeesTheChange() throws Exception {
        byte[] before = TestStore.bytes(2000, 31);
        byte[] after = TestStore.bytes(2000, 32);
        SWR_STORE.write("swr.png", before);
        get(WHILE_REVALIDATE, "/swr.png");
        Path replacement = SWR_STORE.write(".swr.tmp", after);
        Files.move(replacement, SWR_STORE.store().resolve("swr.png"), StandardCopyOption.ATOMIC_MOVE);
        double originBefore = Metrics.sum("/" + WHILE_REVALIDATE, "pixmesh_origin_requests_total");

        Response stale = get(WHILE_REVALIDATE, "/swr.png");
        Response fresh = Poll.until(() -> get(WHILE_REVALIDATE, "/swr.png"),
                r -> Arrays.equals(r.body(), after), Duration.ofSeconds(5));

        assertThat(stale.body()).as("the stale answer, sent before asking the origin").isEqualTo(before);
        assertThat(stale.header("Cache-Status")).matches("Pixmesh; hit; ttl=-?\\d+");
        assertThat(fresh.body()).isEqualTo(after);
        assertThat(Metrics.sum("/" + WHILE_REVALIDATE, "pixmesh_origin_requests_total") - originBefore)
                .as("revalidations happen after answering, not instead").isGreaterThanOrEqualTo(1.0);
        assertThat(Metrics.sum("/" + WHILE_REVALIDATE, "pixmesh_cache_requests_total{result=\"stale_while_revalidate\"}"))
                .isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void withinStaleIfErrorAStaleAnswerIsServedWhileTheOriginFails() throws IOException {
        byte[] bytes = TestStore.bytes(2000, 33);
        SIE_STORE.write("sie.png", bytes);
        assertThat(get(IF_ERROR, "/sie.png").status()).isEqualTo(200);
        Path store = SIE_STORE.store();
        Path aside = store.resolveSibling("store-aside");
        Response duringOutage;
        Response unknownDuringOutage;
        Files.move(store, aside);
        try {
            duringOutage = get(IF_ERROR, "/sie.png");
            unknownDuringOutage = get(IF_ERROR, "/never-stored.png");
        } finally {
            Files.move(aside, store);
        }
        Response afterOutage = get(IF_ERROR, "/sie.png");

        assertThat(duringOutage.status()).isEqualTo(200);
        assertThat(duringOutage.body()).isEqualTo(bytes);
        assertThat(duringOutage.header("Cache-Status"))
                .matches("Pixmesh; fwd=stale; fwd-status=503; ttl=-?\\d+; detail=stale-if-error");
        assertThat(unknownDuringOutage.status()).as("nothing stored: the origin's failure is passed on").isEqualTo(503);
        assertThat(afterOutage.header("Cache-Status")).isEqualTo("Pixmesh; fwd=stale; fwd-status=304; ttl=0");
    }
}
