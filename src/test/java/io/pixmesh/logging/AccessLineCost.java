package io.pixmesh.logging;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one access line costs in CPU, on the request thread (the event, the line, the hand-off)
 * and on the writer thread (encoding, the rolling file, its buffer and writes), through a
 * Logback configuration given on the command line. A measuring tool for
 * {@code docs/benchmarks.md}, not a test: surefire runs only {@code *Test} classes.
 *
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *   -Dlogback.configurationFile=src/main/resources/logback.xml -Dpixmesh.log.dir=target/line-cost \
 *   io.pixmesh.logging.AccessLineCost [format-only]
 * </pre>
 *
 * One thread logs batches of 4,000 lines and pauses between them, so the queue never fills and
 * neither thread ever waits for the other; CPU times are per thread ({@link ThreadMXBean}), read
 * once per batch. {@code format-only} builds the lines without logging them.
 */
public final class AccessLineCost {

    private static final int ROUNDS = 6;
    private static final int BATCHES = 100;
    private static final int BATCH = 4_000;

    private AccessLineCost() {
    }

    public static void main(String[] args) {
        boolean log = args.length == 0;
        Logger logger = LoggerFactory.getLogger(AccessLogFilter.LOGGER);
        AccessLine lines = new AccessLine("bench", "a");
        RequestIds ids = new RequestIds("bench", "a", BootId.at(System.currentTimeMillis(), new java.util.Random()));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Thread writer = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("logback-handoff")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no HandOffAppender writer: wrong Logback file?"));
        long kept = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long requestNanos = 0;
            long writerBefore = threads.getThreadCpuTime(writer.getId());
            for (int batch = 0; batch < BATCHES; batch++) {
                long before = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < BATCH; i++) {
                    AccessEvent event = new AccessEvent(ids.next(), System.currentTimeMillis(), "127.0.0.1", "GET",
                            "/images/h/12k.jpg", 304, 0, 1, "Pixmesh; hit; ttl=1", "cache", OptionalLong.empty(), "", "");
                    String line = lines.format(event);
                    if (log) {
                        logger.info(line);
                    } else {
                        kept += line.length();
                    }
                }
                requestNanos += threads.getCurrentThreadCpuTime() - before;
                // Time for the writer (2 ms naps while busy) to empty the queue before the next batch.
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
            double perLine = 1_000.0 * BATCHES * BATCH;
            System.out.printf("round %d: request thread %.2f us, writer %.2f us per line%n", round,
                    requestNanos / perLine, (threads.getThreadCpuTime(writer.getId()) - writerBefore) / perLine);
        }
        if (kept < 0) {
            System.out.println(kept);
        }
        ((ch.qos.logback.classic.LoggerContext) LoggerFactory.getILoggerFactory()).stop();
    }
}
