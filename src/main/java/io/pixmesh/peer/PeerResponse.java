package io.pixmesh.peer;

import io.pixmesh.store.Digest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/** What one peer said when asked for one image, as {@link PeerClient} found it. Immutable. */
public sealed interface PeerResponse {

    /**
     * The peer had the image, and its whole body is in {@code file}, verified: as long as
     * announced and hashing to the announced SHA-256.
     *
     * @param file the temp file the body was written to, closed
     * @param lastModified from the peer's {@code Last-Modified}, or {@code null} if it sent
     *     none that parses
     * @param contentType the peer's {@code Content-Type}, or {@code null} if it sent none
     */
    record Fetched(Path file, long length, Digest digest, Instant lastModified, String contentType)
            implements PeerResponse {
        public Fetched {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(digest, "digest");
        }
    }

    /** The peer answered 404: it does not have the image. */
    record NotFound() implements PeerResponse {
    }

    /**
     * The peer did not give a usable answer. Nothing of the body is left in the temp file.
     *
     * @param reason what went wrong, for the log
     * @param kind whether it ran out of time, which a gateway answers with 504 rather than 502
     */
    record Failed(String reason, Kind kind) implements PeerResponse {

        /** Why an answer is missing. */
        public enum Kind {
            /** Connecting, the first byte, a pause between reads or the whole body took too long. */
            TIMEOUT,
            /** Refused, reset, a 5xx or unexpected status, or a body that failed a check. */
            ERROR
        }

        public Failed {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(kind, "kind");
        }
    }
}
