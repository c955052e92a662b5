package io.pixmesh.peer;

import io.pixmesh.store.StoredImage;
import java.util.Objects;

/** How asking the peers for one image ended, as {@link PeerFetcher} decided. Immutable. */
public sealed interface FetchOutcome {

    /**
     * A peer had the image and its verified bytes are on disk.
     *
     * @param image the image to serve: when {@code persisted}, the file now in the store;
     *     otherwise a hidden temp file beside where it would be stored, readable by no other
     *     request, which the caller must delete once it has sent it
     * @param from the peer it came from
     * @param fetchMicros from the start of asking the first peer to the verified file,
     *     peers that failed or said 404 included
     * @param persisted whether the image was put into the store
     */
    record Found(StoredImage image, Peer from, long fetchMicros, boolean persisted) implements FetchOutcome {
        public Found {
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(from, "from");
        }
    }

    /**
     * The image was already in the store when this fetch began: another request fetched and
     * stored it a moment ago. Served like any stored image; no peer was asked.
     */
    record AlreadyStored(StoredImage image) implements FetchOutcome {
        public AlreadyStored {
            Objects.requireNonNull(image, "image");
        }
    }

    /** Every configured peer answered 404: the image is nowhere. */
    record NotFound() implements FetchOutcome {
    }

    /**
     * No peer gave the image and its absence is not proven: a peer failed, was skipped while
     * its circuit was open, or there are no peers.
     *
     * @param timeout whether every failure was a peer running out of time (answer 504), rather
     *     than at least one error or skipped peer (answer 502)
     * @param detail what each peer did, for the log
     */
    record Unavailable(boolean timeout, String detail) implements FetchOutcome {
        public Unavailable {
            Objects.requireNonNull(detail, "detail");
        }
    }
}
