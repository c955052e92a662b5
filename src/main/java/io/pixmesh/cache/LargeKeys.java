package io.pixmesh.cache;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Keys whose answer was lately too large to store, so that the next requests for them go
 * straight to the origin servlet, which answers the client itself (with sendfile), instead of
 * first making a trip whose capture the origin's {@code Content-Length} cuts short: without this,
 * every request for a large image cost two runs of the servlet (decision 0006).
 *
 * <p>A key is remembered for {@code rememberMillis} (the revalidation interval), so a file
 * replaced by a small one is stored again within the time any change shows. At most
 * {@code capacity} keys are held; when that many are, all are forgotten at once, which costs
 * each of them one more trip, no more than before this memory existed. Thread-safe.
 */
final class LargeKeys {

    private final ConcurrentHashMap<String, Long> rememberedUntil = new ConcurrentHashMap<>();
    private final int capacity;
    private final long rememberMillis;

    /**
     * @throws IllegalArgumentException if {@code capacity} is not positive or {@code rememberMillis}
     *     is negative
     */
    LargeKeys(int capacity, long rememberMillis) {
        if (capacity < 1 || rememberMillis < 0) {
            throw new IllegalArgumentException("capacity " + capacity + ", remember " + rememberMillis + " ms");
        }
        this.capacity = capacity;
        this.rememberMillis = rememberMillis;
    }

    /** {@code key}'s answer, at {@code nowMillis}, was too large to store. */
    void remember(String key, long nowMillis) {
        if (rememberedUntil.size() >= capacity) {
            rememberedUntil.clear();
        }
        rememberedUntil.put(key, nowMillis + rememberMillis);
    }

    /** Whether {@code key} was found too large less than the remembering time before {@code nowMillis}. */
    boolean isLarge(String key, long nowMillis) {
        Long until = rememberedUntil.get(key);
        if (until == null) {
            return false;
        }
        if (nowMillis < until) {
            return true;
        }
        rememberedUntil.remove(key, until);
        return false;
    }

    /** How many keys are held now. */
    int size() {
        return rememberedUntil.size();
    }
}
