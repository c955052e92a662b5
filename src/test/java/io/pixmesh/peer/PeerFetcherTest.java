package io.pixmesh.peer;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixmesh.peer.FetchOutcome.AlreadyStored;
import io.pixmesh.peer.FetchOutcome.Found;
import io.pixmesh.peer.FetchOutcome.NotFound;
import io.pixmesh.peer.FetchOutcome.Unavailable;
import io.pixmesh.store.AtomicFileWriter;
import io.pixmesh.store.Digest;
import io.pixmesh.store.DigestIndex;
import io.pixmesh.store.ImageStore;
import io.pixmesh.store.StoreKey;
import io.pixmesh.store.StoredImage;
import io.pixmesh.testing.FakePeer.Mode;
import io.pixmesh.testing.FakePeer;
import io.pixmesh.testing.TestStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(30)
class PeerFetcherTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final Instant MODIFIED = Instant.parse("2021-02-03T04:05:06Z");
    private static final Duration TIMEOUT = Duration.ofMillis(500);
    private static final Duration MARGIN = Duration.ofMillis(1500);
    private static final Duration BACKOFF = Duration.ofSeconds(10);
    private static final StoreKey KEY = StoreKey.of("a/b/c.png");
    private static final byte[] BYTES = TestStore.bytes(100_000, 7);
    private static final String SECRETS = "k1:0123456789abcdef0123";
    private static final String VIA = "par.n1";

    @TempDir
    Path dir;

    private final AtomicLong nanos = new AtomicLong();
    private final List<FakePeer> fakes = new ArrayList<>();
    private Path root;
    private DigestIndex index;
    private ImageStore store;
    private PeerClient client;

    @BeforeEach
    void openStore() throws IOException {
        root = Files.createDirectories(dir.resolve("store"));
        index = DigestIndex.open(dir.resolve("index"));
        store = new ImageStore(root, index);
        client = new PeerClient(new PeerClient.Settings(Duration.ofMillis(300), TIMEOUT, 100_000, 8, 64));
    }

    @AfterEach
    void close() {
        client.close();
        fakes.forEach(FakePeer::close);
        index.close();
    }

    @Test
    void storesTheVerifiedImageDatedByThePeerAndIndexedWithoutHashing() throws IOException {
        FakePeer lon = fake().put(KEY.value(), BYTES, MODIFIED);

        FetchOutcome outcome = fetcher(true, peer("lon", lon)).fetch(KEY);

        assertThat(outcome).isInstanceOfSatisfying(Found.class, found -> {
            assertThat(found.persisted()).isTrue();
            assertThat(found.from().name()).isEqualTo("lon");
            assertThat(found.image().digest()).isEqualTo(Digest.of(BYTES));
            assertThat(found.image().lastModified()).isEqualTo(MODIFIED);
        });
        Path file = root.resolve(KEY.value());
        assertThat(file).hasBinaryContent(BYTES);
        assertThat(Files.getLastModifiedTime(file).toInstant()).isEqualTo(MODIFIED);
        assertThat(store.find(KEY)).map(StoredImage::digest).contains(Digest.of(BYTES));
        assertThat(index.hashes()).isZero();
        assertThat(filesUnder(root)).containsExactly(KEY.value());
    }

    @Test
    void sendsViaAndACredentialThatVerifiesAgainstThePathAfterTheBase() throws IOException {
        FakePeer lon = fake().put(KEY.value(), BYTES, MODIFIED);

        fetcher(true, peer("lon", lon)).fetch(KEY);

        FakePeer.Request request = lon.received().get(0);
        assertThat(request.header("Via")).isEqualTo("1.1 " + VIA);
        PeerCredential credential = new PeerCredential(PeerSecrets.parse(SECRETS), Duration.ofSeconds(30));
        String afterBase = request.rawPath().substring("/images".length());
        assertThat(credential.verify(request.header(PeerCredential.HEADER), "GET", afterBase, NOW))
                .isEqualTo(new Verification.Valid(VIA, "k1"));
    }

    @Test
    void asksPeersInOrderUntilOneHasTheImage() throws IOException {
        FakePeer lon = fake();
        FakePeer nyc = fake().put(KEY.value(), BYTES, MODIFIED);
        FakePeer sfo = fake().put(KEY.value(), BYTES, MODIFIED);

        FetchOutcome outcome = fetcher(true, peer("lon", lon), peer("nyc", nyc), peer("sfo", sfo)).fetch(KEY);

        assertThat(outcome).isInstanceOfSatisfying(Found.class,
                found -> assertThat(found.from().name()).isEqualTo("nyc"));
        assertThat(List.of(lon.requests(), nyc.requests(), sfo.requests())).containsExactly(1, 1, 0);
    }

    @Test
    void notFoundOnlyWhenEveryPeerSaysSo() throws IOException {
        FakePeer lon = fake();
        FakePeer nyc = fake();

        assertThat(fetcher(true, peer("lon", lon), peer("nyc", nyc)).fetch(KEY)).isEqualTo(new NotFound());
        assertThat(filesUnder(root)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"SERVER_ERROR", "TRUNCATED", "ALTERED", "NO_DIGEST", "WRONG_DIGEST", "CHUNKED"})
    void aBadAnswerIsUnavailableAndStoresNothing(Mode mode) throws IOException {
        FakePeer lon = fake().put(KEY.value(), BYTES, MODIFIED).mode(mode);

        FetchOutcome outcome = fetcher(true, peer("lon", lon)).fetch(KEY);

        assertThat(outcome).isInstanceOfSatisfying(Unavailable.class,
                unavailable -> assertThat(unavailable.timeout()).isFalse());
        assertThat(filesUnder(root)).isEmpty();
    }

    @Test
    void aBadAnswerIsPassedOverForTheNextPeer() throws IOException {
        FakePeer lon = fake().put(KEY.value(), BYTES, MODIFIED).mode(Mode.ALTERED);
        FakePeer nyc = fake().put(KEY.value(), BYTES, MODIFIED);

        FetchOutcome outcome = fetcher(true, peer("lon", lon), peer("nyc", nyc)).fetch(KEY);

        assertThat(outcome).isInstanceOfSatisfying(Found.class,
                found -> assertThat(found.from().name()).isEqualTo("nyc"));
        assertThat(root.resolve(KEY.value())).hasBinaryContent(BYTES);
        assertThat(filesUnder(root)).containsExactly(KEY.value());
    }

    @Test
    void aBlackHoleIsAGatewayTimeoutWithinTheTimeout() throws IOException {
        FakePeer hole = FakePeer.blackHole();
        fakes.add(hole);
        long start = System.nanoTime();

        FetchOutcome outcome = fetcher(true, peer("lon", hole)).fetch(KEY);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.plus(MARGIN));
        assertThat(outcome).isInstanceOfSatisfying(Unavailable.class,
                unavailable -> assertThat(unavailable.timeout()).isTrue());
        assertThat(filesUnder(root)).isEmpty();
    }

    @Test
    void aSlowPeerIsAGatewayTimeout() throws IOException {
        FakePeer lon = fake().put(KEY.value(), BYTES, MODIFIED)
                .mode(Mode.SLOW_FIRST_BYTE).delay(Duration.ofSeconds(20));

        FetchOutcome outcome = fetcher(true, peer("lon", lon)).fetch(KEY);

        assertThat(outcome).isInstanceOfSatisfying(Unavailable.class,
                unavailable -> assertThat(unavailable.timeout()).isTrue());
        assertThat(filesUnder(root)).isEmpty();
    }

    @Test
    void aRefusingPeerIsABadGateway() throws IOException {
        FetchOutcome outcome = fetcher(true, new Peer("lon", FakePeer.refusing())).fetch(KEY);

        assertThat(outcome).isInstanceOfSatisfying(Unavailable.class,
                unavailable -> assertThat(unavailable.timeout()).isFalse());
    }

    @Test
    void aTimeoutBesideA404LeavesAbsenceUnprovenAndIsAGatewayTimeout() throws IOException {
        FakePeer lon = fake();
        FakePeer hole = FakePeer.blackHole();
        fakes.add(hole);

        FetchOutcome outcome = fetcher(true, peer("lon", lon), peer("nyc", hole)).fetch(KEY);

        assertThat(outcome).isInstanceOfSatisfying(Unavailable.class, unavailable -> {
            assertThat(unavailable.timeout()).isTrue();
            assertThat(unavailable.detail()).startsWith("lon: 404; nyc: no answer within 500 ms");
        });
    }

    @Test
    void anErrorBesideATimeoutIsABadGateway() throws IOException {
        FakePeer lon = fake().put(KEY.value(), BYTES, MODIFIED).mode(Mode.SERVER_ERROR);
        FakePeer hole = FakePeer.blackHole();
        fakes.add(hole);

        FetchOutcome outcome = fetcher(true, peer("lon", lon), peer("nyc", hole)).fetch(KEY);

        assertThat(outcome).isInstanceOfSatisfying(Unavailable.class,
                unavailable -> assertThat(unavailable.timeout()).isFalse());
    }

    @Test
    void withoutPeersTheImageIsUnavailable() throws IOException {
        assertThat(fetcher(true).fetch(KEY)).isEqualTo(new Unavailable(false, "no peers configured"));
        assertThat(filesUnder(root)).isEmpty();
    }

    @Test
    void anOpenCircuitKeepsRequestsFromThePeerThenLetsOneTrialThrough() throws IOException {
        FakePeer lon = fake().put(KEY.value(), BYTES, MODIFIED).mode(Mode.SERVER_ERROR);
        FakePeer nyc = fake();
        Peer lonPeer = peer("lon", lon);
        PeerFetcher fetcher = fetcher(true, lonPeer, peer("nyc", nyc));
        fetcher.fetch(KEY);
        fetcher.fetch(KEY);
        assertThat(fetcher.breaker(lonPeer).state()).isEqualTo(CircuitBreaker.State.OPEN);

        FetchOutcome whileOpen = fetcher.fetch(KEY);

        assertThat(lon.requests()).isEqualTo(2);
        assertThat(nyc.requests()).isEqualTo(3);
        assertThat(whileOpen).isInstanceOfSatisfying(Unavailable.class, unavailable -> {
            assertThat(unavailable.timeout()).isFalse();
            assertThat(unavailable.detail()).isEqualTo("lon: circuit open, not asked; nyc: 404");
        });

        lon.mode(Mode.SERVE);
        nanos.addAndGet(BACKOFF.toNanos());
        FetchOutcome trial = fetcher.fetch(KEY);

        assertThat(lon.requests()).isEqualTo(3);
        assertThat(trial).isInstanceOf(Found.class);
        assertThat(fetcher.breaker(lonPeer).state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void withEveryCircuitOpenNoPeerIsAsked() throws IOException {
        FakePeer lon = fake().mode(Mode.SERVER_ERROR);
        PeerFetcher fetcher = fetcher(true, peer("lon", lon));
        fetcher.fetch(KEY);
        fetcher.fetch(KEY);

        FetchOutcome outcome = fetcher.fetch(KEY);

        assertThat(lon.requests()).isEqualTo(2);
        assertThat(outcome).isEqualTo(new Unavailable(false, "lon: circuit open, not asked"));
        assertThat(filesUnder(root)).isEmpty();
    }

    @Test
    void concurrentFetchesOfOneKeyMakeOneRequest() throws Exception {
        FakePeer lon = fake().put(KEY.value(), BYTES, MODIFIED).holdResponses();
        PeerFetcher fetcher = fetcher(true, peer("lon", lon));
        int callers = 50;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            CountDownLatch started = new CountDownLatch(callers);
            List<Future<FetchOutcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                outcomes.add(pool.submit(() -> {
                    started.countDown();
                    return fetcher.fetch(KEY);
                }));
            }
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(lon.awaitRequests(1, Duration.ofSeconds(10))).isTrue();
            lon.releaseResponses();

            for (Future<FetchOutcome> outcome : outcomes) {
                assertThat(imageOf(outcome.get(10, TimeUnit.SECONDS)).digest()).isEqualTo(Digest.of(BYTES));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(lon.requests()).isEqualTo(1);
        assertThat(filesUnder(root)).containsExactly(KEY.value());
    }

    @Test
    void aFetchAfterTheImageWasStoredAsksNoPeer() throws IOException {
        FakePeer lon = fake().put(KEY.value(), BYTES, MODIFIED);
        PeerFetcher fetcher = fetcher(true, peer("lon", lon));
        fetcher.fetch(KEY);

        FetchOutcome again = fetcher.fetch(KEY);

        assertThat(again).isInstanceOfSatisfying(AlreadyStored.class,
                stored -> assertThat(stored.image().digest()).isEqualTo(Digest.of(BYTES)));
        assertThat(lon.requests()).isEqualTo(1);
    }

    @Test
    void withoutPersistingTheImageIsAHiddenTempFileForTheCallerAlone() throws IOException {
        FakePeer lon = fake().put(KEY.value(), BYTES, MODIFIED);

        FetchOutcome outcome = fetcher(false, peer("lon", lon)).fetch(KEY);

        assertThat(outcome).isInstanceOfSatisfying(Found.class, found -> {
            assertThat(found.persisted()).isFalse();
            assertThat(found.image().path()).hasBinaryContent(BYTES);
            assertThat(found.image().path().getParent()).isEqualTo(root.resolve("a/b"));
            assertThat(found.image().path().getFileName().toString()).startsWith(".c.png.");
            assertThat(found.image().lastModified()).isEqualTo(MODIFIED);
        });
        assertThat(store.find(KEY)).isEmpty();
        Files.delete(((Found) outcome).image().path());
        assertThat(filesUnder(root)).isEmpty();
    }

    @Test
    void anImageWithoutLastModifiedIsDatedNow() throws IOException {
        FakePeer lon = fake().put(KEY.value(), BYTES, MODIFIED).mode(Mode.NO_LAST_MODIFIED);

        FetchOutcome outcome = fetcher(true, peer("lon", lon)).fetch(KEY);

        assertThat(outcome).isInstanceOfSatisfying(Found.class,
                found -> assertThat(found.image().lastModified()).isEqualTo(NOW));
        assertThat(Files.getLastModifiedTime(root.resolve(KEY.value())).toInstant()).isEqualTo(NOW);
    }

    private PeerFetcher fetcher(boolean persist, Peer... peers) {
        StringBuilder setting = new StringBuilder();
        for (Peer peer : peers) {
            setting.append(setting.length() == 0 ? "" : ",").append(peer.name()).append('=').append(peer.base());
        }
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        return new PeerFetcher(PeerList.parse(setting.toString()), client,
                peer -> new CircuitBreaker(2, BACKOFF, BACKOFF.multipliedBy(4), nanos::get),
                new PeerCredential(PeerSecrets.parse(SECRETS), Duration.ofSeconds(30)), VIA,
                store, new AtomicFileWriter(store, clock), persist, clock);
    }

    private FakePeer fake() {
        FakePeer fake = FakePeer.start();
        fakes.add(fake);
        return fake;
    }

    private static Peer peer(String name, FakePeer fake) {
        return new Peer(name, fake.base());
    }

    private static StoredImage imageOf(FetchOutcome outcome) {
        if (outcome instanceof Found found) {
            return found.image();
        }
        return ((AlreadyStored) outcome).image();
    }

    /** Every file under the store, hidden ones included, as relative paths. */
    private static List<String> filesUnder(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(file -> root.relativize(file).toString()).sorted().toList();
        }
    }
}
