package io.pixmesh.peer;

import io.pixmesh.peer.FetchOutcome.NotFound;
import io.pixmesh.peer.FetchOutcome.Unavailable;
import io.pixmesh.peer.PeerResponse.Failed;
import java.util.ArrayList;
import java.util.List;

/**
 * What the peers asked for one image did, and what that proves when none of them had it.
 *
 * <p>Absence is proven only when every configured peer answered 404. A peer that failed or was
 * skipped (circuit open) might have had the image, so then the image is {@link Unavailable},
 * never {@link NotFound}: a 404 is cached downstream, and would hide an image that exists.
 * Unavailability counts as a timeout only when every peer that did not answer 404 timed out.
 * Not thread-safe: one per fetch.
 */
final class Attempts {

    private final List<String> notes = new ArrayList<>();
    private int notFound;
    private int timeouts;
    private int otherwise;

    void skipped(Peer peer) {
        otherwise++;
        notes.add(peer.name() + ": circuit open, not asked");
    }

    void answered(Peer peer, PeerResponse response) {
        if (response instanceof Failed failed) {
            if (failed.kind() == Failed.Kind.TIMEOUT) {
                timeouts++;
            } else {
                otherwise++;
            }
            notes.add(peer.name() + ": " + failed.reason());
        } else {
            notFound++;
            notes.add(peer.name() + ": 404");
        }
    }

    /** The outcome when no peer had the image. */
    FetchOutcome outcome() {
        if (notFound > 0 && timeouts == 0 && otherwise == 0) {
            return new NotFound();
        }
        if (notes.isEmpty()) {
            return new Unavailable(false, "no peers configured");
        }
        return new Unavailable(timeouts > 0 && otherwise == 0, String.join("; ", notes));
    }
}
