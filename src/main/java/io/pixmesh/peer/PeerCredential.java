package io.pixmesh.peer;

import io.pixmesh.peer.Verification.Reason;
import io.pixmesh.peer.Verification.Refused;
import io.pixmesh.peer.Verification.Valid;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The credential a peer request carries in header {@value #HEADER}:
 * {@code keyId=<id>, ts=<unix seconds>, via=<site>.<node>, sig=<base64url, no padding>}, where
 * {@code sig} is HMAC-SHA256 under the key's secret of
 * {@code "pixmesh-peer-v1\n" + method + "\n" + path + "\n" + ts + "\n" + via}.
 *
 * <p>Guarantees: a credential verifies only for the method, path and sender it was signed for,
 * only within the replay window of its timestamp (either way, so a clock ahead of ours gains
 * nothing), and only under a key still accepted. Signatures are compared in constant time.
 * It binds no body (peer requests are GETs) and does not stop a replay inside the window:
 * a replayed GET can only fetch again what the signer could fetch.
 *
 * <p>Immutable and safe for use by many threads.
 */
public final class PeerCredential {

    /** The request header that carries the credential. */
    public static final String HEADER = "Pixmesh-Peer";

    /** The replay window used when the setting gives none. */
    public static final Duration DEFAULT_REPLAY_WINDOW = Duration.ofSeconds(30);

    private static final String ALGORITHM = "HmacSHA256";
    private static final String CONTEXT = "pixmesh-peer-v1";
    private static final Pattern VIA = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}\\.[a-z0-9][a-z0-9-]{0,31}");
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,31}");
    private static final Pattern SECONDS = Pattern.compile("[0-9]{1,12}");
    /** 32 bytes in unpadded base64url. */
    private static final Pattern SIGNATURE = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final PeerSecrets secrets;
    private final Duration replayWindow;

    /**
     * @param replayWindow how far a credential's timestamp may be from now, either way
     * @throws IllegalArgumentException if the window is negative
     */
    public PeerCredential(PeerSecrets secrets, Duration replayWindow) {
        if (replayWindow.isNegative()) {
            throw new IllegalArgumentException("negative replay window: " + replayWindow);
        }
        this.secrets = secrets;
        this.replayWindow = replayWindow;
    }

    /** Whether credentials can be made and accepted at all: there is at least one key. */
    public boolean isEnabled() {
        return !secrets.isEmpty();
    }

    /**
     * Makes the header value for a request, signed with the first key.
     *
     * @param path the request target's path exactly as sent, percent-encoding included
     * @param via this node as {@code <site>.<node>}
     * @throws IllegalStateException if there are no keys (peering is off)
     * @throws IllegalArgumentException if {@code via} is not two tokens joined by {@code .}
     */
    public String sign(String method, String path, String via, Instant now) {
        PeerSecrets.Key key = secrets.signingKey().orElseThrow(() ->
                new IllegalStateException("peering is off: pixmesh.peer.secret lists no key"));
        checkVia(via);
        long ts = now.getEpochSecond();
        String sig = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac(key, method, path, ts, via));
        return "keyId=" + key.id() + ", ts=" + ts + ", via=" + via + ", sig=" + sig;
    }

    /**
     * Checks a received header value against the request it came with.
     *
     * @param headerValue the header's value, or {@code null} if the request had none
     * @param path the request target's path as received, percent-encoding included
     */
    public Verification verify(String headerValue, String method, String path, Instant now) {
        if (headerValue == null || headerValue.isBlank()) {
            return new Refused(Reason.MISSING, "no " + HEADER + " header");
        }
        Optional<Map<String, String>> fields = fields(headerValue);
        if (fields.isEmpty()) {
            return new Refused(Reason.MALFORMED, "expected keyId=…, ts=…, via=…, sig=…");
        }
        String keyId = fields.get().get("keyId");
        long ts = Long.parseLong(fields.get().get("ts"));
        String via = fields.get().get("via");
        Optional<PeerSecrets.Key> key = secrets.key(keyId);
        if (key.isEmpty()) {
            return new Refused(Reason.UNKNOWN_KEY, "key " + keyId + " is not accepted");
        }
        Duration age = Duration.between(Instant.ofEpochSecond(ts), now);
        if (age.abs().compareTo(replayWindow) > 0) {
            return new Refused(Reason.OUTSIDE_WINDOW, "signed " + age.getSeconds()
                    + " s from now; the window is " + replayWindow.getSeconds() + " s");
        }
        byte[] received = Base64.getUrlDecoder().decode(fields.get().get("sig"));
        if (!MessageDigest.isEqual(received, mac(key.get(), method, path, ts, via))) {
            return new Refused(Reason.BAD_SIGNATURE, "signature does not match "
                    + method + " " + path + " from " + via);
        }
        return new Valid(via, keyId);
    }

    /**
     * Refuses a sender id that is not {@code <site>.<node>}, two tokens of lower-case letters,
     * digits and {@code -}: it is signed, sent in {@code Via} and parsed back by peers.
     *
     * @throws IllegalArgumentException naming the bad value
     */
    static void checkVia(String via) {
        if (!VIA.matcher(via).matches()) {
            throw new IllegalArgumentException("via must be <site>.<node>: " + via);
        }
    }

    /** The four fields, each present once and well formed, or nothing. */
    private static Optional<Map<String, String>> fields(String headerValue) {
        Map<String, String> fields = new HashMap<>();
        for (String field : headerValue.split(",", -1)) {
            int equals = field.indexOf('=');
            if (equals < 0 || fields.put(field.substring(0, equals).trim(),
                    field.substring(equals + 1).trim()) != null) {
                return Optional.empty();
            }
        }
        boolean wellFormed = fields.size() == 4
                && matches(KEY_ID, fields.get("keyId"))
                && matches(SECONDS, fields.get("ts"))
                && matches(VIA, fields.get("via"))
                && matches(SIGNATURE, fields.get("sig"));
        return wellFormed ? Optional.of(fields) : Optional.empty();
    }

    private static boolean matches(Pattern pattern, String value) {
        return value != null && pattern.matcher(value).matches();
    }

    private static byte[] mac(PeerSecrets.Key key, String method, String path, long ts, String via) {
        String signed = CONTEXT + "\n" + method + "\n" + path + "\n" + ts + "\n" + via;
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key.secret(), ALGORITHM));
            return mac.doFinal(signed.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform must provide " + ALGORITHM, e);
        }
    }
}
