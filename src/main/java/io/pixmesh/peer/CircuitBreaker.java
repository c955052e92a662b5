package io.pixmesh.peer;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Keeps requests away from a peer that keeps failing, and lets one request find out when it
 * has recovered.
 *
 * <p>Semantics: {@link State#CLOSED} admits every call. {@code failureThreshold} consecutive
 * failures (a success in between starts the count again) open it: {@link State#OPEN} admits
 * nothing for the current back-off. Once the back-off has passed, exactly one
 * {@link #tryAcquire} answers {@code true}: that caller makes the trial, and the breaker is
 * {@link State#HALF_OPEN}, admitting nothing else, until it reports. A trial success closes
 * the breaker and resets the back-off; a trial failure opens it again with the back-off
 * doubled, up to the maximum.
 *
 * <p>Callers must report every admitted call exactly once, with {@link #success} or
 * {@link #failure}; a trial never reported would keep the breaker half-open for good. Reports
 * while open (calls admitted before it opened) are counted but change nothing; a report while
 * half-open is taken as the trial's.
 *
 * <p>Written by hand on purpose: "N consecutive failures, then one trial at a time, back-off
 * doubling" is not what resilience4j's sliding-window failure rates express, and this is the
 * whole of what is needed. Safe for use by many threads.
 */
public final class CircuitBreaker {

    /** Where the breaker stands. */
    public enum State {
        /** Calls go through. */
        CLOSED,
        /** Calls are refused until the back-off has passed and a trial is taken. */
        OPEN,
        /** One trial call is under way; others are refused until it reports. */
        HALF_OPEN
    }

    private final int failureThreshold;
    private final long initialBackoffNanos;
    private final long maxBackoffNanos;
    private final LongSupplier nanoTime;

    private State state = State.CLOSED;
    private int consecutiveFailures;
    private long backoffNanos;
    private long openUntilNanos;

    private long successes;
    private long failures;
    private long rejections;
    private long openings;

    /**
     * @param failureThreshold consecutive failures that open the breaker, at least 1
     * @param backoff how long it first stays open, positive
     * @param maxBackoff the longest it stays open after repeated failed trials, at least
     *     {@code backoff}
     * @param nanoTime a monotonic clock in nanoseconds, such as {@code System::nanoTime}
     * @throws IllegalArgumentException if a bound is out of range
     */
    public CircuitBreaker(int failureThreshold, Duration backoff, Duration maxBackoff, LongSupplier nanoTime) {
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failure threshold must be at least 1: " + failureThreshold);
        }
        if (backoff.isNegative() || backoff.isZero() || maxBackoff.compareTo(backoff) < 0) {
            throw new IllegalArgumentException("need 0 < backoff <= maxBackoff: " + backoff + ", " + maxBackoff);
        }
        this.failureThreshold = failureThreshold;
        this.initialBackoffNanos = backoff.toNanos();
        this.maxBackoffNanos = maxBackoff.toNanos();
        this.nanoTime = nanoTime;
        this.backoffNanos = initialBackoffNanos;
    }

    /**
     * Asks to make a call: {@code true} while closed, and for the one caller that takes the
     * trial once an open breaker's back-off has passed; {@code false} otherwise.
     */
    public synchronized boolean tryAcquire() {
        if (state == State.CLOSED) {
            return true;
        }
        if (state == State.OPEN && nanoTime.getAsLong() - openUntilNanos >= 0) {
            state = State.HALF_OPEN;
            return true;
        }
        rejections++;
        return false;
    }

    /** Reports that an admitted call succeeded (the peer answered as a peer should). */
    public synchronized void success() {
        successes++;
        if (state == State.HALF_OPEN) {
            state = State.CLOSED;
            backoffNanos = initialBackoffNanos;
        }
        if (state == State.CLOSED) {
            consecutiveFailures = 0;
        }
    }

    /** Reports that an admitted call failed (refused, timed out, or answered wrongly). */
    public synchronized void failure() {
        failures++;
        if (state == State.HALF_OPEN) {
            backoffNanos = Math.min(backoffNanos * 2, maxBackoffNanos);
            open();
        } else if (state == State.CLOSED && ++consecutiveFailures >= failureThreshold) {
            open();
        }
    }

    /**
     * The current state. An open breaker whose back-off has passed stays {@link State#OPEN}
     * until a caller takes the trial.
     */
    public synchronized State state() {
        return state;
    }

    /** Successes reported since creation. */
    public synchronized long successes() {
        return successes;
    }

    /** Failures reported since creation. */
    public synchronized long failures() {
        return failures;
    }

    /** Calls refused since creation. */
    public synchronized long rejections() {
        return rejections;
    }

    /** How many times the breaker has opened (including after failed trials). */
    public synchronized long openings() {
        return openings;
    }

    @Override
    public synchronized String toString() {
        return state + (state == State.CLOSED ? " (" + consecutiveFailures + " consecutive failures)"
                : " (back-off " + Duration.ofNanos(backoffNanos).toMillis() + " ms)");
    }

    private void open() {
        state = State.OPEN;
        consecutiveFailures = 0;
        openUntilNanos = nanoTime.getAsLong() + backoffNanos;
        openings++;
    }
}
