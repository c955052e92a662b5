package io.pixmesh.cache;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Collapses concurrent fills of one key into one: the first caller for a key (the leader) runs
 * its fill, and callers arriving while it runs (followers) wait for its value instead of
 * running their own, but only for a bounded time.
 *
 * <p>Unlike {@link io.pixmesh.store.SingleFlight}, which shares every outcome and waits as
 * long as it takes, a fill here is an optimisation a follower can always do without: a
 * follower that waited longer than the configured wait, or whose leader failed or produced no
 * value, is told so and is expected to proceed on its own. A failed fill therefore fails only
 * its leader, never the requests that joined it.
 *
 * <p>Guarantees: while a fill for a key runs, no second fill for that key starts through this
 * instance; every follower that gets a value gets the instance the leader returned. A
 * follower never waits longer than the configured wait (and returns at once, with its
 * interrupt status kept, if interrupted). Nothing is remembered once a fill ends: the next
 * call for the key leads a new one. Keys are independent. A fill must not ask for its own key.
 * Safe for use by many threads.
 *
 * @param <K> key, with value-based {@code equals} and {@code hashCode}
 * @param <V> what a fill produces; a {@code null} result means there is nothing to share
 */
public final class Fill<K, V> {

    /** A fill that may throw {@code X}. */
    @FunctionalInterface
    public interface Computation<V, X extends Exception> {
        V compute() throws X;
    }

    /** How a caller took part in a fill. */
    public enum Role {
        /** Ran the fill. */
        LEADER,
        /** Waited for the leader and got its value. */
        COLLAPSED,
        /** Stopped waiting without a value (the wait ran out, or an interrupt); proceed alone. */
        TIMED_OUT,
        /** The leader failed or had nothing to share; proceed alone. */
        UNFILLED
    }

    /**
     * One caller's part in a fill, and the value it got: the leader's own result (which may be
     * absent), or for a follower the leader's value when {@link Role#COLLAPSED}, else nothing.
     */
    public static final class Result<V> {
        private final Role role;
        private final V value;

        private Result(Role role, V value) {
            this.role = role;
            this.value = value;
        }

        public Role role() {
            return role;
        }

        public Optional<V> value() {
            return Optional.ofNullable(value);
        }

        @Override
        public String toString() {
            return role + (value == null ? "" : " " + value);
        }
    }

    /**
     * One running fill: its value, or null, once the leader is done. A future rather than a
     * latch: completing it wakes every waiting follower at once, where a latch's queue wakes
     * them one after another, each waking the next, so that the last of 63 followers started
     * many milliseconds after the first on a busy machine ({@code docs/benchmarks.md}).
     */
    private static final class Flight<V> {
        final CompletableFuture<V> done = new CompletableFuture<>();
    }

    private final ConcurrentHashMap<K, Flight<V>> inFlight = new ConcurrentHashMap<>();
    private final long followerWaitNanos;

    /**
     * @param followerWait the longest a follower waits for the leader's value
     * @throws IllegalArgumentException if {@code followerWait} is negative
     */
    public Fill(Duration followerWait) {
        if (followerWait.isNegative()) {
            throw new IllegalArgumentException("negative wait: " + followerWait);
        }
        this.followerWaitNanos = followerWait.toNanos();
    }

    /**
     * Runs {@code fill} for {@code key} as leader, or, if a fill for {@code key} is running,
     * waits for its value as a follower without running {@code fill}.
     *
     * @throws X only to the leader, when its {@code fill} throws; followers then get
     *     {@link Role#UNFILLED}
     */
    public <X extends Exception> Result<V> run(K key, Computation<? extends V, ? extends X> fill)
            throws X {
        Objects.requireNonNull(fill, "fill");
        Flight<V> mine = new Flight<>();
        Flight<V> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            return follow(running);
        }
        V value = null;
        try {
            value = fill.compute();
            return new Result<>(Role.LEADER, value);
        } finally {
            inFlight.remove(key, mine);
            mine.done.complete(value);
        }
    }

    private Result<V> follow(Flight<V> running) {
        V value;
        try {
            value = running.done.get(followerWaitNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return new Result<>(Role.TIMED_OUT, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result<>(Role.TIMED_OUT, null);
        } catch (ExecutionException e) {
            throw new AssertionError("a flight is only ever completed with a value", e);
        }
        return new Result<>(value == null ? Role.UNFILLED : Role.COLLAPSED, value);
    }
}
