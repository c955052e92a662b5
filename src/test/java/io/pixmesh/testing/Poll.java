package io.pixmesh.testing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * Asks again until an answer satisfies a condition or a deadline passes, for properties that are
 * a matter of time (freshness lifetimes, background revalidation) and so have no event to wait
 * on. The last answer is returned either way, for the caller to assert on.
 */
public final class Poll {

    private static final long PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    /** One probe that may fail with an exception (usually an HTTP request). */
    @FunctionalInterface
    public interface Probe<T> {
        T get() throws Exception;
    }

    private Poll() {
    }

    public static <T> T until(Probe<T> probe, Predicate<T> condition, Duration deadline) throws Exception {
        long end = System.nanoTime() + deadline.toNanos();
        T answer = probe.get();
        while (!condition.test(answer) && System.nanoTime() < end) {
            // The pause only spares the server; correctness never depends on its length.
            LockSupport.parkNanos(PAUSE_NANOS);
            answer = probe.get();
        }
        return answer;
    }
}
