package io.pixmesh.peer;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixmesh.peer.PeerResponse.Failed;
import io.pixmesh.peer.PeerResponse.Fetched;
import io.pixmesh.peer.PeerResponse.NotFound;
import io.pixmesh.store.Digest;
import io.pixmesh.store.StoreKey;
import io.pixmesh.testing.FakePeer.Mode;
import io.pixmesh.testing.FakePeer;
import io.pixmesh.testing.TestStore;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(30)
class PeerClientTest {

    private static final Duration TIMEOUT = Duration.ofMillis(500);
    /** Generous: the bound under test is TIMEOUT; this only catches a fetch that hangs. */
    private static final Duration MARGIN = Duration.ofMillis(1500);
    private static final StoreKey KEY = StoreKey.of("a/b.png");
    private static final byte[] BYTES = TestStore.bytes(200_000, 4);
    private static final Instant MODIFIED = Instant.parse("2021-02-03T04:05:06Z");

    @TempDir
    Path dir;

    private Path temp;
    private FakePeer fake;
    private PeerClient client;

    @BeforeEach
    void start() throws IOException {
        temp = Files.createFile(dir.resolve(".b.png.tmp"));
        fake = FakePeer.start().put("a/b.png", BYTES, MODIFIED);
        client = new PeerClient(new PeerClient.Settings(Duration.ofMillis(300), TIMEOUT, 100_000, 4, 16));
    }

    @AfterEach
    void stop() {
        client.close();
        fake.close();
    }

    @Test
    void fetchedBodyIsVerifiedAndOnDiskWithThePeersHeaders() {
        PeerResponse response = client.fetch(peer(fake), KEY,
                Map.of("Via", "1.1 lon.n1", PeerCredential.HEADER, "keyId=k, ts=1, via=lon.n1, sig=x"), temp);

        assertThat(response).isEqualTo(new Fetched(temp, BYTES.length, Digest.of(BYTES), MODIFIED, "image/png"));
        assertThat(temp).hasBinaryContent(BYTES);
        FakePeer.Request request = fake.received().get(0);
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.rawPath()).isEqualTo("/images/a/b.png");
        assertThat(request.header("Via")).isEqualTo("1.1 lon.n1");
        assertThat(request.header(PeerCredential.HEADER)).isEqualTo("keyId=k, ts=1, via=lon.n1, sig=x");
        assertThat(request.header("Accept-Encoding")).isNull();
    }

    @Test
    void lastModifiedIsNullWhenThePeerSendsNone() {
        fake.mode(Mode.NO_LAST_MODIFIED);

        assertThat(client.fetch(peer(fake), KEY, Map.of(), temp)).isInstanceOfSatisfying(Fetched.class,
                fetched -> assertThat(fetched.lastModified()).isNull());
    }

    @Test
    void notFoundLeavesNoTempFile() {
        assertThat(client.fetch(peer(fake), StoreKey.of("a/missing.png"), Map.of(), temp))
                .isEqualTo(new NotFound());
        assertThat(temp).doesNotExist();
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"SERVER_ERROR", "TRUNCATED", "ALTERED", "NO_DIGEST", "WRONG_DIGEST", "CHUNKED"})
    void aBadAnswerIsAnErrorAndLeavesNoTempFile(Mode mode) {
        fake.mode(mode);

        PeerResponse response = client.fetch(peer(fake), KEY, Map.of(), temp);

        assertThat(response).isInstanceOfSatisfying(Failed.class,
                failed -> assertThat(failed.kind()).isEqualTo(Failed.Kind.ERROR));
        assertThat(temp).doesNotExist();
    }

    @Test
    void aRefusedConnectionIsAnError() {
        PeerResponse response = client.fetch(new Peer("gone", FakePeer.refusing()), KEY, Map.of(), temp);

        assertThat(response).isInstanceOfSatisfying(Failed.class,
                failed -> assertThat(failed.kind()).isEqualTo(Failed.Kind.ERROR));
        assertThat(temp).doesNotExist();
    }

    @Test
    void aBlackHoleTimesOutWithinTheTimeout() {
        try (FakePeer hole = FakePeer.blackHole()) {
            long start = System.nanoTime();

            PeerResponse response = client.fetch(peer(hole), KEY, Map.of(), temp);

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.plus(MARGIN));
            assertThat(response).isInstanceOfSatisfying(Failed.class,
                    failed -> assertThat(failed.kind()).isEqualTo(Failed.Kind.TIMEOUT));
            assertThat(temp).doesNotExist();
        }
    }

    @Test
    void aPeerThatCannotBeConnectedToTimesOutWithinTheConnectTimeout() {
        try (FakePeer full = FakePeer.notAccepting()) {
            long start = System.nanoTime();

            PeerResponse response = client.fetch(peer(full), KEY, Map.of(), temp);

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(300).plus(MARGIN));
            assertThat(response).isInstanceOfSatisfying(Failed.class, failed -> {
                assertThat(failed.kind()).isEqualTo(Failed.Kind.TIMEOUT);
                assertThat(failed.reason()).isEqualTo("no connection within 300 ms");
            });
            assertThat(temp).doesNotExist();
        }
    }

    @Test
    void aLateFirstByteTimesOutWithinTheTimeout() {
        fake.mode(Mode.SLOW_FIRST_BYTE).delay(Duration.ofSeconds(20));
        long start = System.nanoTime();

        PeerResponse response = client.fetch(peer(fake), KEY, Map.of(), temp);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.plus(MARGIN));
        assertThat(response).isInstanceOfSatisfying(Failed.class,
                failed -> assertThat(failed.kind()).isEqualTo(Failed.Kind.TIMEOUT));
    }

    @Test
    void aTricklingBodyIsGivenUpAtItsDeadline() {
        // 100 bytes, one every 50 ms: no pause reaches the timeout, yet the body would take 5 s;
        // at 100 kB/s its deadline is the timeout plus 1 ms.
        fake.put("a/b.png", TestStore.bytes(100, 5), MODIFIED).mode(Mode.SLOW_BODY).delay(Duration.ofMillis(50));
        long start = System.nanoTime();

        PeerResponse response = client.fetch(peer(fake), KEY, Map.of(), temp);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.plus(MARGIN));
        assertThat(response).isInstanceOfSatisfying(Failed.class, failed -> {
            assertThat(failed.kind()).isEqualTo(Failed.Kind.TIMEOUT);
            assertThat(failed.reason()).startsWith("body not complete within 501 ms");
        });
        assertThat(temp).doesNotExist();
    }

    @Test
    void aSlowBodyWithinItsDeadlineIsFetched() {
        byte[] small = TestStore.bytes(5, 6);
        fake.put("a/b.png", small, MODIFIED).mode(Mode.SLOW_BODY).delay(Duration.ofMillis(20));

        assertThat(client.fetch(peer(fake), KEY, Map.of(), temp)).isInstanceOf(Fetched.class);
        assertThat(temp).hasBinaryContent(small);
    }

    @Test
    void keepsTheConnectionAliveAcrossFetches() throws IOException {
        client.fetch(peer(fake), KEY, Map.of(), temp);
        client.fetch(peer(fake), StoreKey.of("a/missing.png"), Map.of(), Files.createFile(dir.resolve(".2.tmp")));
        client.fetch(peer(fake), KEY, Map.of(), Files.createFile(dir.resolve(".3.tmp")));

        assertThat(fake.requests()).isEqualTo(3);
        assertThat(fake.connections()).isEqualTo(1);
    }

    private static Peer peer(FakePeer fake) {
        return peer(fake.base());
    }

    private static Peer peer(URI base) {
        return new Peer("fake", base);
    }
}
