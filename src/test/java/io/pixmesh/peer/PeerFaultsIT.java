package io.pixmesh.peer;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixmesh.testing.FakePeer;
import io.pixmesh.testing.HttpExchange.Response;
import io.pixmesh.testing.NodeProcess;
import io.pixmesh.testing.Poll;
import io.pixmesh.testing.TestStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A real node whose first peer is a scripted fake that misbehaves in every way we know, and
 * whose second peer is an honest fake with the true bytes. Whatever the first one does, the
 * node serves the true bytes, stores nothing else, and never waits past its timeouts.
 */
class PeerFaultsIT {

    private static final String SECRET = "k1:pixmesh-test-secret-0123456789";
    private static final Instant MODIFIED = Instant.parse("2025-01-02T03:04:05Z");
    private static final Duration PEER_TIMEOUT = Duration.ofMillis(800);

    private static final FakePeer LIAR = FakePeer.start();
    private static final FakePeer HONEST = FakePeer.start();
    private static final TestStore STORE = TestStore.create("faults");
    private static NodeProcess node;

    @BeforeAll
    static void start() throws Exception {
        node = startNode("faults", STORE, "liar=" + LIAR.base() + ", honest=" + HONEST.base());
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
        LIAR.close();
        HONEST.close();
    }

    private static NodeProcess startNode(String name, TestStore store, String peers) throws Exception {
        Map<String, String> settings = NodeProcess.siteSettings(name, store, peers, SECRET);
        settings.put("pixmesh.peer.timeoutMs", Long.toString(PEER_TIMEOUT.toMillis()));
        // Every request must reach the liar, however often it failed before.
        settings.put("pixmesh.peer.breaker.failures", "1000000");
        return NodeProcess.start(name, NodeProcess.freePort(), settings, List.of());
    }

    @ParameterizedTest
    @EnumSource(value = FakePeer.Mode.class, names = {
        "NOT_FOUND", "SERVER_ERROR", "TRUNCATED", "ALTERED", "NO_DIGEST", "WRONG_DIGEST", "CHUNKED", "SLOW_FIRST_BYTE", "SLOW_BODY"})
    void whateverTheFirstPeerDoesTheTrueBytesAreServedAndStored(FakePeer.Mode mode) throws IOException {
        String name = "fault-" + mode.name().toLowerCase() + ".jpg";
        byte[] truth = TestStore.bytes(200_000, mode.ordinal());
        LIAR.mode(mode).delay(PEER_TIMEOUT.multipliedBy(3)).put(name, truth, MODIFIED);
        HONEST.put(name, truth, MODIFIED);

        long start = System.nanoTime();
        Response response = node.get("/" + name);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(truth);
        assertThat(STORE.store().resolve(name)).hasBinaryContent(truth);
        assertThat(visibleFiles(STORE.store())).allSatisfy(file -> assertThat(file.getFileName().toString()).startsWith("fault-"));
        assertThat(took).as("the liar held the request %s", took).isLessThan(PEER_TIMEOUT.multipliedBy(2).plusSeconds(2));
    }

    @Test
    void aPeerThatIsDownOrABlackHoleIsPassedOverWithinItsTimeout() throws Exception {
        byte[] truth = TestStore.bytes(50_000, 99);
        HONEST.put("passed-over.jpg", truth, MODIFIED);
        TestStore store = TestStore.create("faults-down");
        try (FakePeer blackHole = FakePeer.blackHole();
             NodeProcess other = startNode("faults-down", store,
                     "down=" + FakePeer.refusing() + ", hole=" + blackHole.base() + ", honest=" + HONEST.base())) {
            long start = System.nanoTime();
            Response response = other.get("/passed-over.jpg");
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(response.body()).isEqualTo(truth);
            assertThat(took).isLessThan(PEER_TIMEOUT.plusSeconds(2));
        }
    }

    @Test
    void whenNoPeerCanProvideTheAnswerIsABadGatewayOrAGatewayTimeout() throws Exception {
        TestStore store = TestStore.create("faults-none");
        FakePeer broken = FakePeer.start().mode(FakePeer.Mode.SERVER_ERROR).put("x.jpg", new byte[10], MODIFIED);
        try (FakePeer blackHole = FakePeer.blackHole();
             NodeProcess failing = startNode("faults-none", store, "broken=" + broken.base());
             NodeProcess slow = startNode("faults-slow", TestStore.create("faults-slow"), "hole=" + blackHole.base())) {
            Response badGateway = failing.get("/x.jpg");
            Response timeout = slow.get("/x.jpg");

            assertThat(badGateway.status()).isEqualTo(502);
            assertThat(badGateway.header("Cache-Control")).isEqualTo("no-store");
            assertThat(timeout.status()).isEqualTo(504);
        } finally {
            broken.close();
        }
    }

    @Test
    void aNodeKilledDuringAFillLeavesNoPartialFileAndFillsAgainAfterRestart() throws Exception {
        TestStore store = TestStore.create("faults-kill");
        byte[] truth = TestStore.bytes(400_000, 98);
        FakePeer slow = FakePeer.start().mode(FakePeer.Mode.SLOW_BODY).delay(Duration.ofMillis(50)).put("kill.jpg", truth, MODIFIED);
        String peers = "slow=" + slow.base();
        NodeProcess victim = startNode("faults-kill", store, peers);
        try {
            CompletableFuture<Response> doomed = CompletableFuture.supplyAsync(() -> {
                try {
                    return victim.get("/kill.jpg");
                } catch (IOException e) {
                    return null;
                }
            });
            Path temp = Poll.until(() -> hiddenFiles(store.store()).stream().findFirst().orElse(null),
                    file -> file != null, Duration.ofSeconds(20));
            assertThat(temp).as("a fill in progress writes a hidden temp file").isNotNull();
            victim.kill();
            doomed.join();

            assertThat(visibleFiles(store.store())).as("nothing half-written is visible").isEmpty();

            slow.mode(FakePeer.Mode.SERVE);
            try (NodeProcess restarted = startNode("faults-kill", store, peers)) {
                Response response = restarted.get("/kill.jpg");

                assertThat(response.body()).isEqualTo(truth);
                assertThat(store.store().resolve("kill.jpg")).hasBinaryContent(truth);
            }
        } finally {
            victim.close();
            slow.close();
        }
    }

    private static List<Path> visibleFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith(".")).toList();
        }
    }

    private static List<Path> hiddenFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().startsWith(".")).toList();
        }
    }
}
