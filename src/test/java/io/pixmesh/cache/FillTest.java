package io.pixmesh.cache;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.fail;

import io.pixmesh.cache.Fill.Result;
import io.pixmesh.cache.Fill.Role;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FillTest {

    /** Long enough never to run out in these tests, unless the test is about running out. */
    private static final Duration PATIENT = Duration.ofMinutes(1);

    private final AtomicInteger fills = new AtomicInteger();
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void releaseAnyLeader() {
        release.countDown();
    }

    @Test
    void fiftyConcurrentCallersMakeOneFillAndShareItsValue() throws Exception {
        Fill<String, Object> fill = new Fill<>(PATIENT);
        Object value = new Object();
        FutureTask<Result<Object>> leader = start("leader", () -> fill.run("k", () -> {
            fills.incrementAndGet();
            entered.countDown();
            release.await();
            return value;
        }));
        assertThat(entered.await(10, SECONDS)).isTrue();
        List<FutureTask<Result<Object>>> followers = startFollowers(49, fill, "k");

        release.countDown();

        assertThat(leader.get(10, SECONDS).role()).isEqualTo(Role.LEADER);
        assertThat(leader.get().value()).containsSame(value);
        for (FutureTask<Result<Object>> follower : followers) {
            Result<Object> result = follower.get(10, SECONDS);
            assertThat(result.role()).isEqualTo(Role.COLLAPSED);
            assertThat(result.value()).containsSame(value);
        }
        assertThat(fills).hasValue(1);
    }

    @Test
    void aFollowerThatWaitsTooLongProceedsAlone() throws Exception {
        Fill<String, Object> fill = new Fill<>(Duration.ofMillis(20));
        FutureTask<Result<Object>> leader = startBlockedLeader(fill, "k", "late");

        Result<Object> follower = fill.run("k", this::unexpectedFill);

        assertThat(follower.role()).isEqualTo(Role.TIMED_OUT);
        assertThat(follower.value()).isEmpty();
        release.countDown();
        assertThat(leader.get(10, SECONDS).value()).contains("late");
        assertThat(fills).hasValue(1);
    }

    @Test
    void aFailedFillFailsItsLeaderOnlyAndLetsFollowersProceedAlone() throws Exception {
        Fill<String, Object> fill = new Fill<>(PATIENT);
        IOException failure = new IOException("origin gone");
        FutureTask<Result<Object>> leader = start("leader", () -> fill.run("k", () -> {
            entered.countDown();
            release.await();
            throw failure;
        }));
        assertThat(entered.await(10, SECONDS)).isTrue();
        List<FutureTask<Result<Object>>> followers = startFollowers(49, fill, "k");

        release.countDown();

        assertThat(causeOf(leader)).isSameAs(failure);
        for (FutureTask<Result<Object>> follower : followers) {
            assertThat(follower.get(10, SECONDS).role()).isEqualTo(Role.UNFILLED);
            assertThat(follower.get().value()).isEmpty();
        }
    }

    @Test
    void aFillWithNothingToShareLetsFollowersProceedAlone() throws Exception {
        Fill<String, Object> fill = new Fill<>(PATIENT);
        FutureTask<Result<Object>> leader = startBlockedLeader(fill, "k", null);
        List<FutureTask<Result<Object>>> followers = startFollowers(3, fill, "k");

        release.countDown();

        assertThat(leader.get(10, SECONDS).role()).isEqualTo(Role.LEADER);
        assertThat(leader.get().value()).isEmpty();
        for (FutureTask<Result<Object>> follower : followers) {
            assertThat(follower.get(10, SECONDS).role()).isEqualTo(Role.UNFILLED);
        }
    }

    @Test
    void anInterruptedFollowerStopsWaitingAndKeepsItsInterrupt() throws Exception {
        Fill<String, Object> fill = new Fill<>(PATIENT);
        startBlockedLeader(fill, "k", "value");

        Thread.currentThread().interrupt();
        Result<Object> follower = fill.run("k", this::unexpectedFill);

        assertThat(Thread.interrupted()).isTrue();
        assertThat(follower.role()).isEqualTo(Role.TIMED_OUT);
        assertThat(fills).hasValue(1);
    }

    @Test
    void aCallAfterAFillEndsLeadsANewOne() throws Exception {
        Fill<String, Object> fill = new Fill<>(PATIENT);
        assertThatIOException().isThrownBy(() -> fill.run("k", () -> {
            throw new IOException("once");
        }));

        assertThat(fill.run("k", () -> "first").role()).isEqualTo(Role.LEADER);
        assertThat(fill.run("k", () -> "second").value()).contains("second");
    }

    @Test
    void otherKeysDoNotWait() throws Exception {
        Fill<String, Object> fill = new Fill<>(PATIENT);
        startBlockedLeader(fill, "slow", "slow");

        Result<Object> fast = fill.run("fast", () -> "fast");

        assertThat(fast.role()).isEqualTo(Role.LEADER);
        assertThat(fast.value()).contains("fast");
    }

    @Test
    void refusesANegativeWait() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Fill<>(Duration.ofMillis(-1)));
    }

    /** Starts a leader for {@code key} whose fill returns {@code value} once released. */
    private FutureTask<Result<Object>> startBlockedLeader(Fill<String, Object> fill, String key,
            Object value) throws InterruptedException {
        FutureTask<Result<Object>> leader = start("leader", () -> fill.run(key, () -> {
            fills.incrementAndGet();
            entered.countDown();
            release.await();
            return value;
        }));
        assertThat(entered.await(10, SECONDS)).isTrue();
        return leader;
    }

    /** Starts followers of the fill running for {@code key}, each parked before the next. */
    private List<FutureTask<Result<Object>>> startFollowers(int count, Fill<String, Object> fill,
            String key) {
        List<FutureTask<Result<Object>>> followers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            FutureTask<Result<Object>> task = new FutureTask<>(
                    () -> fill.run(key, this::unexpectedFill));
            Thread thread = new Thread(task, "follower-" + i);
            thread.start();
            awaitParked(thread);
            followers.add(task);
        }
        return followers;
    }

    private Object unexpectedFill() {
        fills.incrementAndGet();
        return "a second fill";
    }

    private static FutureTask<Result<Object>> start(String name,
            Callable<Result<Object>> call) {
        FutureTask<Result<Object>> task = new FutureTask<>(call);
        new Thread(task, name).start();
        return task;
    }

    /**
     * A follower's only way to park is waiting for the fill in flight, so once it parks it has
     * joined the fill (the JSR-166 TCK checks the same way).
     */
    private static void awaitParked(Thread thread) {
        long deadline = System.nanoTime() + SECONDS.toNanos(10);
        while (thread.getState() != Thread.State.TIMED_WAITING) {
            if (System.nanoTime() > deadline) {
                fail(thread.getName() + " never joined the fill: " + thread.getState());
            }
            Thread.yield();
        }
    }

    private static Throwable causeOf(FutureTask<?> task) throws Exception {
        try {
            task.get(10, SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        return fail("expected a failure");
    }
}
