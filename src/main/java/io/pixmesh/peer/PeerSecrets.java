package io.pixmesh.peer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The shared secrets peer credentials are signed and checked with, as read from the setting
 * {@code pixmesh.peer.secret}: comma-separated {@code keyId:secret} pairs.
 *
 * <p>Rotation: credentials are signed with the first key and accepted under any listed key, so
 * a new key is rolled out by listing it second everywhere, then first everywhere, then removing
 * the old one. With no keys, peering is off: no credential can be made or accepted.
 *
 * <p>Immutable. Key ids are unique; secrets never appear in {@link #toString} or messages.
 */
public final class PeerSecrets {

    /** Shorter secrets are guessable offline from one captured credential. */
    public static final int MIN_SECRET_LENGTH = 16;

    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,31}");

    /** One key: its id, sent in credentials, and its secret bytes (UTF-8). */
    record Key(String id, byte[] secret) {
        @Override
        public String toString() {
            return id;
        }
    }

    private final List<Key> keys;

    private PeerSecrets(List<Key> keys) {
        this.keys = List.copyOf(keys);
    }

    /**
     * Reads a list such as {@code k2:0123456789abcdef0123,k1:fedcba9876543210fedc}. A secret
     * is everything after the first {@code :} of its pair, trimmed; an empty or blank value
     * means no keys.
     *
     * @throws IllegalArgumentException naming the bad pair by position and key id, never
     *     quoting a secret
     */
    public static PeerSecrets parse(String setting) {
        if (setting.isBlank()) {
            return new PeerSecrets(List.of());
        }
        List<Key> keys = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        String[] pairs = setting.split(",", -1);
        for (int i = 0; i < pairs.length; i++) {
            Key key = key(i + 1, pairs[i]);
            if (!ids.add(key.id())) {
                throw bad(i + 1, "the key id " + key.id() + " is used twice");
            }
            keys.add(key);
        }
        return new PeerSecrets(keys);
    }

    /** Whether there are no keys, so that peering is off. */
    public boolean isEmpty() {
        return keys.isEmpty();
    }

    /** The key new credentials are signed with: the first listed. */
    Optional<Key> signingKey() {
        return keys.isEmpty() ? Optional.empty() : Optional.of(keys.get(0));
    }

    /** The key named {@code id}, if listed. */
    Optional<Key> key(String id) {
        return keys.stream().filter(key -> key.id().equals(id)).findFirst();
    }

    /** The key ids, in order; the secrets stay out of logs. */
    @Override
    public String toString() {
        return keys.stream().map(Key::id).collect(Collectors.joining(",", "[", "]"));
    }

    private static Key key(int position, String pair) {
        int colon = pair.indexOf(':');
        if (colon < 0) {
            throw bad(position, "expected keyId:secret");
        }
        String id = pair.substring(0, colon).trim();
        if (!KEY_ID.matcher(id).matches()) {
            throw bad(position, "the key id must be 1 to 32 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        String secret = pair.substring(colon + 1).trim();
        if (secret.length() < MIN_SECRET_LENGTH) {
            throw bad(position, "the secret of key " + id + " must be at least "
                    + MIN_SECRET_LENGTH + " characters long");
        }
        return new Key(id, secret.getBytes(StandardCharsets.UTF_8));
    }

    private static IllegalArgumentException bad(int position, String problem) {
        return new IllegalArgumentException("pixmesh.peer.secret: pair " + position + ": " + problem);
    }
}
