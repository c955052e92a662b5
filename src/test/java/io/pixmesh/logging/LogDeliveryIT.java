package io.pixmesh.logging;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixmesh.logging.PacedLoad.Phase;
import io.pixmesh.testing.NodeProcess;
import io.pixmesh.testing.Poll;
import io.pixmesh.testing.TestStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The whole delivery path on one machine, each rsyslogd running the shipped config as its
 * service would (unprivileged, its own directory, loopback ports picked free): a node writing
 * its access log, the node's relay, two collectors. Under a steady load, collector B is killed
 * with SIGKILL and started again later, then the relay is restarted; Logback rotates the access
 * log every MiB throughout. Then the gap checker must find every id at both collectors
 * (duplicates allowed, and counted), and requests must not have slowed while B was down.
 */
class LogDeliveryIT {

    private static final String NAME = "log-delivery";
    private static final int REQUESTS = 20_000;
    private static final int CLIENTS = 4;
    private static final int PER_SECOND = 600;
    private static final int WARM_UP = 2_000;
    private static final int KILL_AT = 5_000;
    private static final int RESTART_AT = 10_000;
    private static final String END = "/log-delivery-end.png";
    /** Logback rolls at this size here (100 MB in the WAR), so the relay has rotations to follow. */
    private static final String MAX_FILE_SIZE = "1MB";
    private static final long FRESH_FILE_BYTES = 300_000;

    @Test
    void theShippedConfigsPassTheConfigCheckWithAndWithoutTheirEnvironment() throws Exception {
        Path rsyslogd = Rsyslog.require();
        Path root = Files.createDirectories(Path.of("target", "it", NAME + "-check").toAbsolutePath());

        Map<String, String> relayEnvironment = relayEnvironment(root, root.resolve("pixmesh-access.log"), 2514, 2515);
        for (Map<String, String> environment : List.of(Map.<String, String>of(), relayEnvironment)) {
            Rsyslog.CheckResult relay = Rsyslog.check(rsyslogd, Rsyslog.RELAY_CONF, environment);
            assertThat(relay.exitValue()).as(relay.output()).isZero();
        }
        for (Map<String, String> environment : List.of(Map.<String, String>of(), collectorEnvironment(root, 2514))) {
            Rsyslog.CheckResult collector = Rsyslog.check(rsyslogd, Rsyslog.COLLECTOR_CONF, environment);
            assertThat(collector.exitValue()).as(collector.output()).isZero();
        }
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void everyLineReachesBothCollectorsThroughACollectorCrashARelayRestartAndRotations() throws Exception {
        Path rsyslogd = Rsyslog.require();
        TestStore store = TestStore.create(NAME);
        List<String> paths = images(store);
        Path root = store.store().getParent();
        Path logDir = AccessLogNode.logDir(NAME);
        int portA = NodeProcess.freePort();
        int portB = NodeProcess.freePort();
        Path dirA = root.resolve("collector-a");
        Path dirB = root.resolve("collector-b");
        try (RsyslogInstance collectorA =
                        new RsyslogInstance(rsyslogd, Rsyslog.COLLECTOR_CONF, dirA, collectorEnvironment(dirA, portA));
                RsyslogInstance collectorB =
                        new RsyslogInstance(rsyslogd, Rsyslog.COLLECTOR_CONF, dirB, collectorEnvironment(dirB, portB));
                RsyslogInstance relay = new RsyslogInstance(rsyslogd, Rsyslog.RELAY_CONF, root.resolve("relay"),
                        relayEnvironment(root.resolve("relay"), logDir.resolve("pixmesh-access.log"), portA, portB))) {
            collectorA.start(portA);
            collectorB.start(portB);
            relay.start(0);
            try (NodeProcess node = AccessLogNode.start(NAME, NodeProcess.freePort(), store, logDir,
                    Map.of("pixmesh.site", "lon", "pixmesh.node", "img-01"),
                    List.of("-Dpixmesh.log.maxFileSize=" + MAX_FILE_SIZE))) {

                PacedLoad load = PacedLoad.start(URI.create(node.baseUrl() + "/"), paths, REQUESTS, CLIENTS, PER_SECOND);
                load.awaitCompleted(KILL_AT);
                collectorB.kill();
                load.phase(Phase.OUTAGE);

                load.awaitCompleted(RESTART_AT);
                load.phase(Phase.AFTER);
                collectorB.start(portB);
                long sentBeforeRestart = lastSeq(localReport(logDir));
                awaitCaughtUp(dirB, sentBeforeRestart);

                // The one loss a relay restart can cause is a rotation while it is down (see
                // docs/logging.md): restart it just after one, as an operator would not need to.
                awaitFreshAccessLog(logDir);
                long relayDown = System.nanoTime();
                relay.stop();
                relay.start(0);
                System.out.printf("relay restarted in %d ms%n", (System.nanoTime() - relayDown) / 1_000_000);

                load.awaitDone(Duration.ofMinutes(2));
                assertThat(node.get(END).status()).isEqualTo(404);
                long last = awaitEndLine(logDir);

                GapReport local = localReport(logDir);
                assertThat(local.boots()).singleElement().satisfies(boot -> {
                    assertThat(boot.last()).isEqualTo(last);
                    assertThat(boot.lines()).as("one line per request, exactly").isEqualTo(last);
                });
                assertThat(local.hasGaps()).isFalse();
                assertThat(archives(logDir)).as("rotated access logs").hasSizeGreaterThanOrEqualTo(3);

                GapReport atA = awaitComplete(dirA, last);
                GapReport atB = awaitComplete(dirB, last);
                System.out.printf("log delivery: %d requests, %d rotations; duplicates at A %d, at B %d%n",
                        last, archives(logDir).size(), atA.duplicates(), atB.duplicates());
                assertThat(atA.hasGaps()).isFalse();
                assertThat(atB.hasGaps()).isFalse();
                assertThat(atA.duplicates()).as("A never failed: the restarted relay resumed where it stopped"
                        + " instead of reading the file again").isZero();
                assertThat(atA.unreadable() + atB.unreadable()).isZero();
                assertThat(dirA.resolve("unparsed.log")).doesNotExist();
                assertThat(dirB.resolve("unparsed.log")).doesNotExist();

                assertThat(load.unexpectedStatuses(200, 404)).isZero();
                assertLatencyUnchangedDuringTheOutage(load);
            }
        }
    }

    /** A request thread never waits for a collector: latency while B is down is close to before. */
    private static void assertLatencyUnchangedDuringTheOutage(PacedLoad load) {
        long beforeMedian = load.latencyMicros(Phase.BEFORE, 0.5, WARM_UP);
        long beforeP95 = load.latencyMicros(Phase.BEFORE, 0.95, WARM_UP);
        long outageMedian = load.latencyMicros(Phase.OUTAGE, 0.5, 0);
        long outageP95 = load.latencyMicros(Phase.OUTAGE, 0.95, 0);
        System.out.printf("latency before: median %d us, p95 %d us; while collector B was down (%d requests):"
                + " median %d us, p95 %d us%n", beforeMedian, beforeP95, load.count(Phase.OUTAGE), outageMedian, outageP95);
        assertThat(outageMedian).isLessThanOrEqualTo(3 * beforeMedian + 2_000);
        assertThat(outageP95).isLessThanOrEqualTo(3 * beforeP95 + 10_000);
    }

    /** Twenty small images and one name that does not exist, requested in turn. */
    private static List<String> images(TestStore store) {
        List<String> paths = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            store.write("img-" + i + ".png", TestStore.bytes(1_000 + 500 * i, i));
            paths.add("img-" + i + ".png");
        }
        paths.add("missing.png");
        return paths;
    }

    private static Map<String, String> relayEnvironment(Path dir, Path accessLog, int portA, int portB) {
        return Map.of(
                "PIXMESH_RELAY_DIR", dir.toString(),
                "PIXMESH_ACCESS_LOG", accessLog.toString(),
                "PIXMESH_COLLECTOR_A_HOST", "127.0.0.1",
                "PIXMESH_COLLECTOR_A_PORT", Integer.toString(portA),
                "PIXMESH_COLLECTOR_B_HOST", "127.0.0.1",
                "PIXMESH_COLLECTOR_B_PORT", Integer.toString(portB));
    }

    private static Map<String, String> collectorEnvironment(Path dir, int port) {
        return Map.of(
                "PIXMESH_COLLECTOR_DIR", dir.toString(),
                "PIXMESH_COLLECTOR_ADDRESS", "127.0.0.1",
                "PIXMESH_COLLECTOR_PORT", Integer.toString(port));
    }

    /**
     * The node's own access log: the current file and the rolled ones (compressed too, should an
     * operator's configuration gzip them: an archive being compressed cannot be read to its end
     * yet, so read again).
     */
    private static GapReport localReport(Path logDir) throws Exception {
        Optional<GapReport> report = Poll.until(() -> readLocal(logDir), Optional::isPresent, Duration.ofSeconds(20));
        return report.orElseThrow(() -> new AssertionError("the node's access log could not be read"));
    }

    private static Optional<GapReport> readLocal(Path logDir) {
        try (Stream<Path> files = Files.list(logDir)) {
            List<Path> logs = files.filter(f -> f.getFileName().toString().matches("pixmesh-access\\.(log|.+\\.log(\\.gz)?)"))
                    .sorted().toList();
            return Optional.of(GapChecker.check(logs, false));
        } catch (IOException archiveBeingWritten) {
            return Optional.empty();
        }
    }

    private static List<Path> archives(Path logDir) throws IOException {
        try (Stream<Path> files = Files.list(logDir)) {
            return files.filter(f -> f.getFileName().toString().matches("pixmesh-access\\..+\\.log(\\.gz)?")).toList();
        }
    }

    private static long lastSeq(GapReport report) {
        return report.boots().stream().mapToLong(GapReport.Boot::last).max().orElse(0);
    }

    /** What a collector holds; empty while a read fails (a file being written is fine to read again). */
    private static Optional<GapReport> collected(Path collectorDir) {
        Path access = collectorDir.resolve("access");
        try {
            return Files.isDirectory(access) ? Optional.of(GapChecker.check(GapChecker.files(List.of(access)), false))
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitCaughtUp(Path collectorDir, long seq) throws Exception {
        Optional<GapReport> report = Poll.until(() -> collected(collectorDir),
                r -> r.isPresent() && !r.get().hasGaps() && lastSeq(r.get()) >= seq, Duration.ofSeconds(30));
        assertThat(report).as("collector B caught up after its restart").hasValueSatisfying(r -> {
            assertThat(r.hasGaps()).isFalse();
            assertThat(lastSeq(r)).isGreaterThanOrEqualTo(seq);
        });
    }

    /** Waits until Logback has just rotated: the current file is small, the next rotation seconds away. */
    private static void awaitFreshAccessLog(Path logDir) throws Exception {
        Path current = logDir.resolve("pixmesh-access.log");
        long size = Poll.until(() -> Files.exists(current) ? Files.size(current) : Long.MAX_VALUE,
                s -> s < FRESH_FILE_BYTES, Duration.ofSeconds(30));
        assertThat(size).as("a fresh access log after a rotation").isLessThan(FRESH_FILE_BYTES);
    }

    /** The sequence number of the request for {@link #END}, once its line is in the node's log. */
    private static long awaitEndLine(Path logDir) throws Exception {
        Path current = logDir.resolve("pixmesh-access.log");
        Optional<String> id = Poll.until(() -> Files.readAllLines(current).stream().map(JsonLine::fields)
                .filter(fields -> ("/images" + END).equals(fields.get("path"))).map(fields -> fields.get("id")).findFirst(),
                Optional::isPresent, Duration.ofSeconds(10));
        assertThat(id).as("the last request's line").isPresent();
        return Long.parseLong(id.get().substring(id.get().lastIndexOf('-') + 1));
    }

    /** Waits until a collector holds every id up to {@code last}, or a minute has passed. */
    private static GapReport awaitComplete(Path collectorDir, long last) throws Exception {
        Optional<GapReport> report = Poll.until(() -> collected(collectorDir),
                r -> r.isPresent() && !r.get().hasGaps() && lastSeq(r.get()) == last, Duration.ofSeconds(60));
        assertThat(report).isPresent();
        GapChecker.print(report.get(), System.out);
        assertThat(lastSeq(report.get())).as("the last id at " + collectorDir).isEqualTo(last);
        return report.get();
    }
}
