package io.pixmesh.ops;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * Checks the {@code Authorization: Bearer <token>} of an admin request against
 * {@code pixmesh.admin.token}. Compares SHA-256 digests with {@link MessageDigest#isEqual}, so
 * the time taken reveals neither the token's characters nor its length.
 */
final class AdminToken {

    /** The outcome of a check, with the status to answer when it is not {@link #ACCEPTED}. */
    enum Check {
        ACCEPTED(200),
        /** No token configured: the admin API is off. */
        NOT_CONFIGURED(403),
        /** No credentials, or not a bearer token. */
        MISSING(401),
        WRONG(401);

        final int status;

        Check(int status) {
            this.status = status;
        }
    }

    private static final String BEARER = "bearer ";

    private final byte[] expected;

    /** @param token the configured token; empty turns the admin API off */
    AdminToken(String token) {
        this.expected = token.isEmpty() ? null : sha256(token);
    }

    Check check(String authorization) {
        if (expected == null) {
            return Check.NOT_CONFIGURED;
        }
        if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            return Check.MISSING;
        }
        String offered = authorization.substring(BEARER.length()).trim();
        return MessageDigest.isEqual(expected, sha256(offered)) ? Check.ACCEPTED : Check.WRONG;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
