package io.pixmesh.cache;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When the origin last confirmed each stored response, kept beside the cache so that the time
 * outlives the heap tier's copy. A confirming {@code 304} freshens the instance it was about in
 * place ({@link CachedResponse#revalidated}); but an entry the heap tier dropped is read back
 * from off-heap or disk as a new instance carrying only its stored time, and would be
 * revalidated on every such read. {@link #restore} gives it back the recorded time.
 *
 * <p>A time applies only to the stored version it was recorded for: the same stored time and
 * {@code ETag}; a response stored since is never taken for validated by an older {@code 304}.
 * At most {@code capacity} keys are held; when that many are, all are forgotten at once, which
 * costs each of them one revalidation. Thread-safe.
 */
final class ValidationTimes {

    /** One stored version of a key, and when the origin last confirmed it. */
    private record Validation(long storedAtMillis, String etag, long validatedAtMillis) {
        boolean isOf(CachedResponse entry) {
            return storedAtMillis == entry.storedAtMillis() && Objects.equals(etag, entry.headers().get("ETag"));
        }
    }

    private final ConcurrentHashMap<String, Validation> validations = new ConcurrentHashMap<>();
    private final int capacity;

    /** @throws IllegalArgumentException if {@code capacity} is not positive */
    ValidationTimes(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity);
        }
        this.capacity = capacity;
    }

    /** The origin confirmed {@code entry}, stored under {@code key}, at {@code nowMillis}. */
    void record(String key, CachedResponse entry, long nowMillis) {
        if (validations.size() >= capacity) {
            validations.clear();
        }
        Validation confirmed = new Validation(entry.storedAtMillis(), entry.headers().get("ETag"), nowMillis);
        validations.merge(key, confirmed, (old, now) ->
                old.isOf(entry) && old.validatedAtMillis() > now.validatedAtMillis() ? old : now);
    }

    /** Moves {@code entry}'s validation time up to the one recorded for it, if that is later. */
    void restore(String key, CachedResponse entry) {
        Validation recorded = validations.get(key);
        if (recorded != null && recorded.isOf(entry)) {
            entry.confirmedAt(recorded.validatedAtMillis());
        }
    }

    /** How many keys are held now. */
    int size() {
        return validations.size();
    }
}
