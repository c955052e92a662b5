package io.pixmesh.store;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SingleFlightTest {

    private static final int WAITERS = 7;

    private final SingleFlight<String, String, Exception> flight = new SingleFlight<>();
    private final AtomicInteger computations = new AtomicInteger();
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    @Test
    void concurrentCallersShareOneComputation() throws Exception {
        FutureTask<String> leader = start(() -> flight.run("k", () -> {
            computations.incrementAndGet();
            entered.countDown();
            release.await();
            return "value";
        }));
        assertThat(entered.await(10, SECONDS)).isTrue();
        List<FutureTask<String>> waiters = startWaiters(() -> flight.run("k", this::unexpected));

        release.countDown();

        assertThat(leader.get(10, SECONDS)).isEqualTo("value");
        for (FutureTask<String> waiter : waiters) {
            assertThat(waiter.get(10, SECONDS)).isEqualTo("value");
        }
        assertThat(computations).hasValue(1);
    }

    @Test
    void failureReachesEveryWaiter() throws Exception {
        IOException failure = new IOException("disk gone");
        FutureTask<String> leader = start(() -> flight.run("k", () -> {
            entered.countDown();
            release.await();
            throw failure;
        }));
        assertThat(entered.await(10, SECONDS)).isTrue();
        List<FutureTask<String>> waiters = startWaiters(() -> flight.run("k", this::unexpected));

        release.countDown();

        assertThat(causeOf(leader)).isSameAs(failure);
        for (FutureTask<String> waiter : waiters) {
            assertThat(causeOf(waiter)).isSameAs(failure);
        }
    }

    @Test
    void callAfterCompletionComputesAgain() throws Exception {
        assertThat(flight.run("k", () -> "first")).isEqualTo("first");
        assertThat(flight.run("k", () -> "second")).isEqualTo("second");
    }

    @Test
    void callAfterFailureComputesAgain() throws Exception {
        assertThatIOException().isThrownBy(() -> flight.run("k", () -> {
            throw new IOException("once");
        }));

        assertThat(flight.run("k", () -> "recovered")).isEqualTo("recovered");
    }

    @Test
    void otherKeysDoNotWait() throws Exception {
        FutureTask<String> slow = start(() -> flight.run("slow", () -> {
            entered.countDown();
            release.await();
            return "slow";
        }));
        assertThat(entered.await(10, SECONDS)).isTrue();

        assertThat(flight.run("fast", () -> "fast")).isEqualTo("fast");

        release.countDown();
        assertThat(slow.get(10, SECONDS)).isEqualTo("slow");
    }

    private String unexpected() {
        computations.incrementAndGet();
        return "a second computation";
    }

    private List<FutureTask<String>> startWaiters(Callable<String> call) {
        List<FutureTask<String>> waiters = new ArrayList<>();
        for (int i = 0; i < WAITERS; i++) {
            FutureTask<String> task = new FutureTask<>(call);
            Thread thread = new Thread(task, "waiter-" + i);
            thread.start();
            awaitParked(thread);
            waiters.add(task);
        }
        return waiters;
    }

    private static FutureTask<String> start(Callable<String> call) {
        FutureTask<String> task = new FutureTask<>(call);
        new Thread(task, "leader").start();
        return task;
    }

    /**
     * A waiter's only way to park is joining the computation in flight, so once it parks it
     * has joined (the JSR-166 TCK checks the same way).
     */
    private static void awaitParked(Thread thread) {
        long deadline = System.nanoTime() + SECONDS.toNanos(10);
        while (thread.getState() != Thread.State.WAITING) {
            if (System.nanoTime() > deadline) {
                fail(thread.getName() + " never joined the computation: " + thread.getState());
            }
            Thread.yield();
        }
    }

    private static Throwable causeOf(FutureTask<String> task) throws Exception {
        try {
            task.get(10, SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        return fail("expected a failure");
    }
}
