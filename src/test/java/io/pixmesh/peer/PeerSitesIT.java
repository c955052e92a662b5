package io.pixmesh.peer;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixmesh.testing.HttpExchange.Response;
import io.pixmesh.testing.HttpExchange;
import io.pixmesh.testing.NodeProcess;
import io.pixmesh.testing.TestStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three real Tomcats on loopback, each in its own JVM, as three sites: a (the images), b (peers a
 * then c) and c (peer a). Sites b and c start empty and heal from a; a lists b, so a and b form
 * a loop that the one-hop rule must make harmless.
 */
class PeerSitesIT {

    private static final String SECRET = "k1:pixmesh-test-secret-0123456789";
    private static final String ADMIN = "Bearer admin-token-for-peer-tests";
    private static final Instant A_MTIME = Instant.parse("2025-05-05T05:05:05Z");
    private static final byte[] SMALL = TestStore.bytes(20_000, 61);
    private static final byte[] BIG = TestStore.bytes(6 * 1024 * 1024 + 7, 62);

    private static final TestStore A = TestStore.create("peers-a");
    private static final TestStore B = TestStore.create("peers-b");
    private static final TestStore C = TestStore.create("peers-c");
    private static final int A_PORT = NodeProcess.freePort();
    private static final int B_PORT = NodeProcess.freePort();
    private static final int C_PORT = NodeProcess.freePort();
    private static NodeProcess a;
    private static NodeProcess b;
    private static NodeProcess c;

    @BeforeAll
    static void startSites() throws Exception {
        for (String name : List.of("small.jpg", "restart.jpg", "concurrent-small.jpg", "signed.jpg", "forged.jpg",
                "replayed.jpg", "purged.jpg")) {
            Files.setLastModifiedTime(A.write(name, SMALL), FileTime.from(A_MTIME));
        }
        for (String name : List.of("big.jpg", "big-range.jpg", "concurrent-big.jpg")) {
            A.write(name, BIG);
        }
        a = NodeProcess.start("peers-a", A_PORT, settings("a", A, "b=http://127.0.0.1:" + B_PORT + "/images"), List.of());
        b = NodeProcess.start("peers-b", B_PORT, settings("b", B,
                "a=http://127.0.0.1:" + A_PORT + "/images, c=http://127.0.0.1:" + C_PORT + "/images"), List.of());
        c = NodeProcess.start("peers-c", C_PORT, settings("c", C, "a=http://127.0.0.1:" + A_PORT + "/images"), List.of());
    }

    @AfterAll
    static void stopSites() throws Exception {
        for (NodeProcess node : new NodeProcess[] {a, b, c}) {
            if (node != null) {
                node.close();
            }
        }
    }

    private static Map<String, String> settings(String site, TestStore store, String peers) {
        Map<String, String> settings = NodeProcess.siteSettings(site, store, peers, SECRET);
        settings.put("pixmesh.admin.token", ADMIN.substring("Bearer ".length()));
        return settings;
    }

    private static double originRequests(NodeProcess node) throws IOException {
        return node.get("/-/metrics").text().lines()
                .filter(line -> line.startsWith("pixmesh_origin_requests_total "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    @Test
    void aSiteFillsFromItsPeerVerifiesAndKeepsTheImageWithTheSameEntityTag() throws Exception {
        Response atA = a.get("/small.jpg");
        Response atB = b.get("/small.jpg");

        assertThat(atB.status()).isEqualTo(200);
        assertThat(atB.body()).isEqualTo(SMALL);
        assertThat(atB.header("ETag")).isEqualTo(atA.header("ETag"));
        assertThat(atB.header("Repr-Digest")).isEqualTo(atA.header("Repr-Digest"));
        assertThat(atB.header("Last-Modified")).isEqualTo(atA.header("Last-Modified"));
        Path kept = B.store().resolve("small.jpg");
        assertThat(kept).hasBinaryContent(SMALL);
        assertThat(Files.getLastModifiedTime(kept).toInstant()).isEqualTo(A_MTIME);
    }

    @Test
    void aPersistedImageIsServedAfterARestartWithItsPeerGone() throws Exception {
        assertThat(c.get("/restart.jpg").body()).isEqualTo(SMALL);
        c.close();
        c = NodeProcess.start("peers-c", C_PORT, settings("c", C, "a=http://127.0.0.1:" + NodeProcess.freePort() + "/images"),
                List.of());
        try {
            Response afterRestart = c.get("/restart.jpg");

            assertThat(afterRestart.status()).isEqualTo(200);
            assertThat(afterRestart.body()).isEqualTo(SMALL);
        } finally {
            c.close();
            c = NodeProcess.start("peers-c", C_PORT, settings("c", C, "a=http://127.0.0.1:" + A_PORT + "/images"), List.of());
        }
    }

    @Test
    void aLargeImageComesThroughAPeerWholeAndByRange() throws IOException {
        Response whole = c.get("/big.jpg");
        Response range = HttpExchange.get("/images/big-range.jpg").header("Range", "bytes=1000000-1999999").send(C_PORT);

        assertThat(whole.status()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(BIG);
        assertThat(range.status()).isEqualTo(206);
        assertThat(range.body()).isEqualTo(Arrays.copyOfRange(BIG, 1_000_000, 2_000_000));
        assertThat(C.store().resolve("big-range.jpg")).hasBinaryContent(BIG);
    }

    @Test
    void anImageNoSiteHasIsANegativelyCachedNotFound() throws IOException {
        Response response = b.get("/nowhere.png");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("Cache-Control")).isEqualTo("public, max-age=10");
    }

    @Test
    void peersListingEachOtherMakeOneHopNotALoop() throws IOException {
        double atA = originRequests(a);
        double atB = originRequests(b);

        Response response = a.get("/in-no-store.png");

        assertThat(response.status()).isEqualTo(404);
        assertThat(originRequests(a) - atA).as("a: the client's request only").isEqualTo(1.0);
        assertThat(originRequests(b) - atB).as("b: a's signed request only, never passed on").isEqualTo(1.0);
    }

    @Test
    void aRequestThatAlreadyPassedThroughThisNodeIsALoop() throws IOException {
        Response response = HttpExchange.get("/images/small.jpg").header("Via", "1.1 proxy.example, 1.1 b.n1").send(B_PORT);

        assertThat(response.status()).isEqualTo(508);
    }

    @Test
    void aValidPeerCredentialIsAnsweredFromThisNodeAlone() throws IOException {
        Response response = signed("/signed.jpg", Instant.now(), SECRET).send(B_PORT);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("Cache-Control")).as("absence at one node proves nothing").isEqualTo("no-store");
    }

    @Test
    void forgedAndReplayedCredentialsAreOrdinaryClientRequests() throws IOException {
        Response forged = signed("/forged.jpg", Instant.now(), "k1:someone-elses-secret-0123456789").send(B_PORT);
        Response replayed = signed("/replayed.jpg", Instant.now().minus(Duration.ofMinutes(10)), SECRET).send(B_PORT);

        assertThat(forged.status()).as("filled from a like any client's request").isEqualTo(200);
        assertThat(forged.body()).isEqualTo(SMALL);
        assertThat(replayed.status()).isEqualTo(200);
        assertThat(replayed.body()).isEqualTo(SMALL);
    }

    @Test
    void fiftyConcurrentMissesMakeOneFetch() throws Exception {
        for (String image : List.of("/concurrent-small.jpg", "/concurrent-big.jpg")) {
            double before = originRequests(a);
            byte[] expected = image.contains("big") ? BIG : SMALL;

            List<Response> answers = concurrently(50, () -> b.get(image));

            assertThat(answers).allSatisfy(r -> assertThat(r.body()).isEqualTo(expected));
            assertThat(originRequests(a) - before).as("fetches of %s at a", image).isEqualTo(1.0);
        }
    }

    @Test
    void aPurgeWithSitesAllReachesEveryPeerOnce() throws IOException {
        assertThat(b.get("/purged.jpg").status()).isEqualTo(200);
        assertThat(c.get("/purged.jpg").status()).isEqualTo(200);

        Response purge = HttpExchange.request("POST", "/images/-/admin/purge?path=/purged.jpg&store=true&sites=all")
                .header("Authorization", ADMIN).header("Content-Length", "0").send(B_PORT);

        assertThat(purge.status()).isEqualTo(200);
        assertThat(purge.text())
                .startsWith("{\"path\":\"/purged.jpg\",\"cache\":\"purged\",\"store\":\"deleted\",\"sites\":{")
                .contains("\"a\":\"200 {\\\"path\\\":\\\"/purged.jpg\\\",\\\"cache\\\":\\\"purged\\\",\\\"store\\\":\\\"deleted\\\"}\"")
                .contains("\"c\":\"200 ");
        assertThat(B.store().resolve("purged.jpg")).doesNotExist();
        assertThat(C.store().resolve("purged.jpg")).doesNotExist();
        assertThat(A.store().resolve("purged.jpg")).doesNotExist();
    }

    @Test
    void aForwardedPurgeNeedsAValidPeerCredentialAndGoesNoFurther() throws IOException {
        Response unsigned = HttpExchange.request("POST", "/images/-/admin/purge?path=/small.jpg&store=true&sites=all")
                .header("Content-Length", "0").send(A_PORT);

        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(A.store().resolve("small.jpg")).exists();
    }

    @Test
    void thePeerStatusShowsEachPeerCircuitAndLatestExchange() throws IOException {
        b.get("/small.jpg");
        b.get("/nowhere-at-all.png");

        Response peers = HttpExchange.get("/images/-/admin/peers").header("Authorization", ADMIN).send(B_PORT);

        assertThat(peers.status()).isEqualTo(200);
        assertThat(peers.header("Content-Type")).startsWith("application/json");
        assertThat(peers.text()).startsWith("{\"self\":\"b.n1\",\"peers\":[{\"name\":\"a\",\"url\":\"http://127.0.0.1:" + A_PORT
                + "/images\",\"circuit\":\"closed\"").contains("{\"name\":\"c\"").contains("\"lastResult\":\"not found\"");
        assertThat(b.get("/-/metrics").text())
                .contains("pixmesh_peer_fetches_seconds_count{peer=\"a\",result=\"not_found\"}")
                .contains("pixmesh_peer_circuit_state{peer=\"a\"} 0.0")
                .containsPattern("pixmesh_peer_persisted_total [1-9]")
                .containsPattern("pixmesh_digest_index_entries [1-9]");
    }

    private static HttpExchange signed(String path, Instant when, String secret) {
        PeerCredential credential = new PeerCredential(PeerSecrets.parse(secret), PeerCredential.DEFAULT_REPLAY_WINDOW);
        return HttpExchange.get("/images" + path)
                .header("Via", "1.1 x.n9")
                .header(PeerCredential.HEADER, credential.sign("GET", path, "x.n9", when));
    }

    interface Call {
        Response call() throws Exception;
    }

    private static List<Response> concurrently(int clients, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Response> answers = new ArrayList<>();
            for (Future<Response> future : futures) {
                answers.add(future.get(60, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
