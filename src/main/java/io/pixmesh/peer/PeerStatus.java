package io.pixmesh.peer;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest news of each peer, for operators: how long its last exchange took, how it ended,
 * and its last failure. Thread-safe; each peer's entry is replaced whole, so a reader never
 * sees half of an update.
 */
public final class PeerStatus implements PeerObserver {

    /**
     * @param lastMillis  duration of the last exchange, in milliseconds
     * @param lastResult  {@code fetched}, {@code not found}, or the failure's reason
     * @param lastErrorAt when the last failure happened, or null if none yet
     * @param lastError   the last failure's reason, or null
     */
    public record Recent(double lastMillis, String lastResult, Instant lastErrorAt, String lastError) {
    }

    private final Map<String, Recent> recent = new ConcurrentHashMap<>();
    private final Clock clock;

    public PeerStatus(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void answered(Peer peer, PeerResponse response, long nanos) {
        double millis = nanos / 1_000_000.0;
        recent.compute(peer.name(), (name, before) -> {
            if (response instanceof PeerResponse.Failed failed) {
                return new Recent(millis, failed.reason(), clock.instant(), failed.reason());
            }
            String result = response instanceof PeerResponse.Fetched ? "fetched" : "not found";
            return before == null ? new Recent(millis, result, null, null)
                    : new Recent(millis, result, before.lastErrorAt(), before.lastError());
        });
    }

    /** The latest news of {@code peer}, or null before its first exchange. */
    public Recent of(Peer peer) {
        return recent.get(peer.name());
    }
}
