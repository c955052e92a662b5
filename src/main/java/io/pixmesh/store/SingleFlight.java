package io.pixmesh.store;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs at most one computation per key at a time; callers that ask for a key while its
 * computation runs wait for it and share its outcome (as groupcache's singleflight does).
 *
 * <p>Guarantees: while a computation for a key is in flight, no second one for that key
 * starts; every caller that joined it gets the same value, or the same exception instance
 * (so its stack trace is the computing thread's). Nothing is remembered: a call arriving
 * after the computation finished starts a new one. Keys are independent; a slow
 * computation never delays another key. Waiters wait uninterruptibly, as the computing
 * thread does not stop for them either. A computation must not ask for its own key.
 *
 * @param <K> key, with value-based {@code equals} and {@code hashCode}
 * @param <V> computed value; {@code null} is allowed
 * @param <X> the checked exception every computation may throw
 */
public final class SingleFlight<K, V, X extends Exception> {

    /** A computation that may throw {@code X}. */
    @FunctionalInterface
    public interface Computation<V, X extends Exception> {
        V compute() throws X;
    }

    private final ConcurrentHashMap<K, CompletableFuture<V>> inFlight = new ConcurrentHashMap<>();

    /**
     * Returns the outcome of {@code computation}, or of the computation already running for
     * {@code key}, in which case {@code computation} is not run.
     */
    public V run(K key, Computation<? extends V, ? extends X> computation) throws X {
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            return await(running);
        }
        try {
            V value = computation.compute();
            mine.complete(value);
            return value;
        } catch (Throwable failure) {
            mine.completeExceptionally(failure);
            throw failure;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    @SuppressWarnings("unchecked")
    private V await(CompletableFuture<V> running) throws X {
        try {
            return running.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            // Every computation of this instance throws X at most, so a checked cause is one.
            throw (X) cause;
        }
    }
}
