package io.pixmesh.peer;

import java.util.Objects;

/**
 * What checking a {@link PeerCredential} found: a valid credential and who sent it, or a
 * refusal and why. Immutable.
 */
public sealed interface Verification {

    /** Why a credential was refused. */
    enum Reason {
        /** The request carried no credential. */
        MISSING,
        /** The header is not a credential in the expected form. */
        MALFORMED,
        /** The key id is not among the accepted keys (or there are none: peering is off). */
        UNKNOWN_KEY,
        /** The timestamp is further from now than the replay window, either way. */
        OUTSIDE_WINDOW,
        /** The signature does not match the request. */
        BAD_SIGNATURE
    }

    /** Whether the credential was accepted. */
    boolean isValid();

    /**
     * An accepted credential.
     *
     * @param via the sender as it signed itself, {@code <site>.<node>}
     * @param keyId the key it was signed with
     */
    record Valid(String via, String keyId) implements Verification {
        public Valid {
            Objects.requireNonNull(via, "via");
            Objects.requireNonNull(keyId, "keyId");
        }

        @Override
        public boolean isValid() {
            return true;
        }
    }

    /**
     * A refused credential.
     *
     * @param reason the category, for metrics and the status answered
     * @param detail a short explanation for the log; never holds a secret or a signature
     */
    record Refused(Reason reason, String detail) implements Verification {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }

        @Override
        public boolean isValid() {
            return false;
        }
    }
}
