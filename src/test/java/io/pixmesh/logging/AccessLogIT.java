package io.pixmesh.logging;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixmesh.testing.HttpExchange;
import io.pixmesh.testing.HttpExchange.Response;
import io.pixmesh.testing.NodeProcess;
import io.pixmesh.testing.Poll;
import io.pixmesh.testing.TestStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The access line of each kind of answer, as a real Tomcat writes it with the WAR's own Logback
 * configuration: the fields, the bytes of streamed and sendfile bodies, and lines that stay
 * single, parseable lines whatever a client sends.
 */
class AccessLogIT {

    private static final String NAME = "access-log";
    private static final byte[] SMALL = TestStore.bytes(3_000, 11);
    private static final byte[] LARGE = TestStore.bytes(2_500_000, 12);

    private static Path logFile;
    private static NodeProcess node;

    @BeforeAll
    static void startNode() throws Exception {
        TestStore store = TestStore.create(NAME);
        store.write("small.png", SMALL);
        store.write("fields.png", SMALL);
        store.write("hit.png", SMALL);
        store.write("large.jpg", LARGE);
        Path logDir = AccessLogNode.logDir(NAME);
        logFile = logDir.resolve("pixmesh-access.log");
        node = AccessLogNode.start(NAME, NodeProcess.freePort(), store, logDir, Map.of(
                "pixmesh.site", "lon",
                "pixmesh.node", "img-01",
                "pixmesh.log.trustedProxies", "127.0.0.1"), List.of());
    }

    @AfterAll
    static void stopNode() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    private static Response send(HttpExchange request, String userAgent) throws Exception {
        return request.header("User-Agent", userAgent).send(node.port());
    }

    /** The line of the request sent with {@code userAgent}, once the async appender wrote it. */
    private static Map<String, String> lineOf(String userAgent) throws Exception {
        Optional<Map<String, String>> line = Poll.until(() -> find(userAgent), Optional::isPresent, Duration.ofSeconds(10));
        assertThat(line).as("access line of " + userAgent).isPresent();
        return line.get();
    }

    private static Optional<Map<String, String>> find(String userAgent) throws Exception {
        if (!Files.exists(logFile)) {
            return Optional.empty();
        }
        return Files.readAllLines(logFile).stream().map(JsonLine::fields)
                .filter(fields -> userAgent.equals(fields.get("userAgent"))).findFirst();
    }

    private static double sendfileResponses() throws Exception {
        return node.get("/-/metrics").text().lines().filter(l -> l.startsWith("pixmesh_sendfile_responses_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void aStoredImageIsLoggedWithEveryField() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        Response response = send(HttpExchange.get("/images/fields.png").header("Referer", "https://example.net/page"),
                "probe-fields");

        Map<String, String> line = lineOf("probe-fields");

        assertThat(line.get("id")).matches("lon-img-01-[0-9a-z]+-[1-9][0-9]*");
        assertThat(Instant.parse(line.get("time"))).isBetween(before, Instant.now());
        assertThat(line).containsEntry("site", "lon")
                .containsEntry("node", "img-01")
                .containsEntry("client", "127.0.0.1")
                .containsEntry("method", "GET")
                .containsEntry("path", "/images/fields.png")
                .containsEntry("status", "200")
                .containsEntry("bytes", "3000")
                .containsEntry("cache", response.header("Cache-Status"))
                .containsEntry("source", "store")
                .containsEntry("peerFetchUs", null)
                .containsEntry("referer", "https://example.net/page");
        assertThat(Long.parseLong(line.get("durationUs"))).isPositive();
    }

    @Test
    void aCacheHitSaysSoAndCountsTheStoredBody() throws Exception {
        send(HttpExchange.get("/images/hit.png"), "probe-fill");
        Response hit = send(HttpExchange.get("/images/hit.png"), "probe-hit");

        Map<String, String> line = lineOf("probe-hit");

        assertThat(hit.header("Cache-Status")).startsWith("Pixmesh; hit");
        assertThat(line).containsEntry("source", "cache")
                .containsEntry("cache", hit.header("Cache-Status"))
                .containsEntry("bytes", "3000");
    }

    @Test
    void aSendfileBodyIsCountedByItsRangeAndStillGoesOutBySendfile() throws Exception {
        double sendfileBefore = sendfileResponses();

        Response full = send(HttpExchange.get("/images/large.jpg"), "probe-sendfile");
        Response range = send(HttpExchange.get("/images/large.jpg").header("Range", "bytes=500000-1499999"),
                "probe-sendfile-range");

        assertThat(full.body()).isEqualTo(LARGE);
        assertThat(range.status()).isEqualTo(206);
        assertThat(range.body()).hasSize(1_000_000);
        assertThat(sendfileResponses() - sendfileBefore).isEqualTo(2);
        assertThat(lineOf("probe-sendfile")).containsEntry("status", "200").containsEntry("bytes", "2500000");
        assertThat(lineOf("probe-sendfile-range")).containsEntry("status", "206").containsEntry("bytes", "1000000");
    }

    @Test
    void headAndNotModifiedAnswersSendNoBody() throws Exception {
        Response head = send(HttpExchange.request("HEAD", "/images/small.png"), "probe-head");
        send(HttpExchange.get("/images/small.png").header("If-None-Match", head.header("ETag")), "probe-304");

        assertThat(lineOf("probe-head")).containsEntry("method", "HEAD").containsEntry("bytes", "0");
        assertThat(lineOf("probe-304")).containsEntry("status", "304").containsEntry("bytes", "0");
    }

    @Test
    void refusalsAndOperationalRequestsAreLoggedToo() throws Exception {
        Response missing = send(HttpExchange.get("/images/missing.png"), "probe-404");
        Response health = send(HttpExchange.get("/images/-/health"), "probe-health");

        assertThat(lineOf("probe-404")).containsEntry("status", "404")
                .containsEntry("bytes", Integer.toString(missing.body().length));
        assertThat(lineOf("probe-health")).containsEntry("path", "/images/-/health")
                .containsEntry("bytes", Integer.toString(health.body().length));
    }

    @Test
    void behindATrustedProxyTheClientIsTheAddressItForwarded() throws Exception {
        send(HttpExchange.get("/images/small.png").header("X-Forwarded-For", "198.51.100.1, 203.0.113.5"), "probe-xff");

        assertThat(lineOf("probe-xff")).containsEntry("client", "203.0.113.5");
    }

    @Test
    void hostileHeadersStayInsideOneParseableLine() throws Exception {
        // Sent as ISO-8859-1 bytes, as HTTP/1.1 fields are; Tomcat reads them back the same way.
        String userAgent = "probe-hostile \"quoted\" \\ {\"id\":\"x-y-z-1\"} \u00e9\u00ff\ttab";

        send(HttpExchange.get("/images/small.png"), userAgent);

        assertThat(lineOf(userAgent)).containsEntry("userAgent", userAgent);
        assertThat(Files.readAllLines(logFile)).allSatisfy(line -> {
            assertThat(line.chars()).allMatch(c -> c >= 0x20 && c <= 0x7e);
            assertThat(JsonLine.fields(line)).containsKey("id");
        });
    }

    @Test
    void idsCountUpOneByOnePerRequest() throws Exception {
        for (int i = 0; i < 5; i++) {
            send(HttpExchange.get("/images/small.png"), "probe-seq-" + i);
        }

        List<Long> seqs = new java.util.ArrayList<>();
        String boot = null;
        for (int i = 0; i < 5; i++) {
            String id = lineOf("probe-seq-" + i).get("id");
            seqs.add(Long.parseLong(id.substring(id.lastIndexOf('-') + 1)));
            String thisBoot = id.substring(0, id.lastIndexOf('-'));
            assertThat(boot == null || boot.equals(thisBoot)).isTrue();
            boot = thisBoot;
        }
        assertThat(seqs).containsExactly(seqs.get(0), seqs.get(0) + 1, seqs.get(0) + 2, seqs.get(0) + 3, seqs.get(0) + 4);
    }
}
