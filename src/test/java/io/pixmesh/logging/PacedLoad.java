package io.pixmesh.logging;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A bounded, paced load: {@code total} requests at a steady rate over a few keep-alive
 * connections, each timed and tagged with the phase of the test it was sent in. A steady rate
 * (rather than as fast as possible) keeps latencies comparable between phases on a small
 * machine that also runs the log pipeline.
 */
final class PacedLoad {

    enum Phase { BEFORE, OUTAGE, AFTER }

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI base;
    private final List<String> paths;
    private final int total;
    private final long nanosPerRequest;
    private final long[] latencyNanos;
    private final Phase[] phases;
    private final int[] statuses;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger completed = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();
    private volatile Phase phase = Phase.BEFORE;
    private long startNanos;

    private PacedLoad(URI base, List<String> paths, int total, int perSecond) {
        this.base = base;
        this.paths = List.copyOf(paths);
        this.total = total;
        this.nanosPerRequest = 1_000_000_000L / perSecond;
        this.latencyNanos = new long[total];
        this.phases = new Phase[total];
        this.statuses = new int[total];
    }

    /** Starts {@code threads} clients sending {@code total} requests for {@code paths} in turn. */
    static PacedLoad start(URI base, List<String> paths, int total, int threads, int perSecond) {
        PacedLoad load = new PacedLoad(base, paths, total, perSecond);
        load.startNanos = System.nanoTime();
        for (int i = 0; i < threads; i++) {
            Thread thread = new Thread(load::run, "paced-load-" + i);
            thread.setDaemon(true);
            load.threads.add(thread);
            thread.start();
        }
        return load;
    }

    private void run() {
        for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
            long due = startNanos + i * nanosPerRequest;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            phases[i] = phase;
            HttpRequest request = HttpRequest.newBuilder(base.resolve(paths.get(i % paths.size())))
                    .timeout(Duration.ofSeconds(30))
                    .header("User-Agent", "pixmesh-paced-load")
                    .build();
            long sent = System.nanoTime();
            try {
                statuses[i] = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (Exception e) {
                statuses[i] = -1;
            }
            latencyNanos[i] = System.nanoTime() - sent;
            completed.incrementAndGet();
        }
    }

    /** Requests sent from now on count as {@code phase}. */
    void phase(Phase phase) {
        this.phase = phase;
    }

    /** Waits until at least {@code count} requests have been answered. */
    void awaitCompleted(int count) throws InterruptedException {
        while (completed.get() < count) {
            if (threads.stream().noneMatch(Thread::isAlive)) {
                throw new IllegalStateException("load stopped after " + completed.get() + " requests");
            }
            Thread.sleep(10);
        }
    }

    /** Waits for every request (the threads' end makes their records visible here). */
    void awaitDone(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread thread : threads) {
            thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            if (thread.isAlive()) {
                throw new IllegalStateException("load not done within " + timeout);
            }
        }
    }

    /** Requests whose status was neither of {@code expected} (or that failed outright). */
    long unexpectedStatuses(int... expected) {
        return Arrays.stream(statuses).filter(status -> Arrays.stream(expected).noneMatch(e -> e == status)).count();
    }

    /** The {@code quantile} of the latency, in microseconds, of requests sent in {@code phase} from request {@code from} on. */
    long latencyMicros(Phase phase, double quantile, int from) {
        long[] sorted = java.util.stream.IntStream.range(from, total).filter(i -> phases[i] == phase)
                .mapToLong(i -> latencyNanos[i] / 1_000).sorted().toArray();
        if (sorted.length == 0) {
            throw new IllegalStateException("no request in phase " + phase);
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))];
    }

    long count(Phase phase) {
        return Arrays.stream(phases).filter(p -> p == phase).count();
    }
}
