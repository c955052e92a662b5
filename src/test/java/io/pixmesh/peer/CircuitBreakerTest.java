package io.pixmesh.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.pixmesh.peer.CircuitBreaker.State;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    private static final Duration BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(3);

    private final AtomicLong nanos = new AtomicLong(1_000);
    private final CircuitBreaker breaker = new CircuitBreaker(3, BACKOFF, MAX_BACKOFF, nanos::get);

    @Test
    void staysClosedBelowTheThreshold() {
        fail(2);

        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        assertThat(breaker.tryAcquire()).isTrue();
    }

    @Test
    void aSuccessRestartsTheCountOfConsecutiveFailures() {
        fail(2);
        breaker.success();
        fail(2);

        assertThat(breaker.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void opensAfterThresholdConsecutiveFailuresAndRefusesDuringTheBackoff() {
        fail(3);

        assertThat(breaker.state()).isEqualTo(State.OPEN);
        advance(BACKOFF.minusNanos(1));
        assertThat(breaker.tryAcquire()).isFalse();
        assertThat(breaker.state()).isEqualTo(State.OPEN);
        assertThat(breaker.rejections()).isEqualTo(1);
        assertThat(breaker.openings()).isEqualTo(1);
    }

    @Test
    void afterTheBackoffExactlyOneCallerGetsTheTrial() {
        fail(3);
        advance(BACKOFF);

        assertThat(breaker.tryAcquire()).isTrue();
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
        assertThat(breaker.tryAcquire()).isFalse();
        advance(MAX_BACKOFF.multipliedBy(10));
        assertThat(breaker.tryAcquire()).isFalse();
    }

    @Test
    void trialSuccessClosesTheBreaker() {
        fail(3);
        advance(BACKOFF);
        breaker.tryAcquire();

        breaker.success();

        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        assertThat(breaker.tryAcquire()).isTrue();
        assertThat(breaker.tryAcquire()).isTrue();
    }

    @Test
    void trialFailureReopensWithTheBackoffDoubledUpToTheMaximum() {
        fail(3);
        advance(BACKOFF);

        assertTrialFailsAndReopensFor(Duration.ofSeconds(2));
        assertTrialFailsAndReopensFor(Duration.ofSeconds(3));
        assertTrialFailsAndReopensFor(Duration.ofSeconds(3));
        assertThat(breaker.openings()).isEqualTo(4);
    }

    @Test
    void backoffStartsAgainFromTheInitialAfterRecovery() {
        fail(3);
        advance(BACKOFF);
        assertTrialFailsAndReopensFor(Duration.ofSeconds(2));
        breaker.tryAcquire();
        breaker.success();

        fail(3);

        advance(BACKOFF);
        assertThat(breaker.tryAcquire()).isTrue();
    }

    @Test
    void reportsOfCallsAdmittedBeforeItOpenedChangeNothing() {
        fail(3);

        breaker.success();
        breaker.failure();

        assertThat(breaker.state()).isEqualTo(State.OPEN);
        advance(BACKOFF);
        assertThat(breaker.tryAcquire()).isTrue();
        assertThat(breaker.successes()).isEqualTo(1);
        assertThat(breaker.failures()).isEqualTo(4);
    }

    @Test
    void manyThreadsRaceForTheTrialAndOneWins() throws Exception {
        fail(3);
        advance(BACKOFF);
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> answers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return breaker.tryAcquire();
                }));
            }
            start.countDown();
            int admitted = 0;
            for (Future<Boolean> answer : answers) {
                admitted += answer.get(10, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(admitted).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void refusesNonsenseBounds() {
        assertThatIllegalArgumentException().isThrownBy(() -> new CircuitBreaker(0, BACKOFF, MAX_BACKOFF, nanos::get));
        assertThatIllegalArgumentException().isThrownBy(() -> new CircuitBreaker(1, Duration.ZERO, MAX_BACKOFF, nanos::get));
        assertThatIllegalArgumentException().isThrownBy(() -> new CircuitBreaker(1, MAX_BACKOFF, BACKOFF, nanos::get));
    }

    private void assertTrialFailsAndReopensFor(Duration backoff) {
        assertThat(breaker.tryAcquire()).isTrue();
        breaker.failure();
        assertThat(breaker.state()).isEqualTo(State.OPEN);
        advance(backoff.minusNanos(1));
        assertThat(breaker.tryAcquire()).isFalse();
        advance(Duration.ofNanos(1));
    }

    private void fail(int times) {
        for (int i = 0; i < times; i++) {
            assertThat(breaker.tryAcquire()).isTrue();
            breaker.failure();
        }
    }

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }
}
