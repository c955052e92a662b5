package io.pixmesh.peer;

import io.pixmesh.store.Digest;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the SHA-256 a peer announces in {@code Repr-Digest} (RFC 9530): a Structured Field
 * Dictionary (RFC 8941) whose members name algorithms and carry byte sequences, as in
 * {@code sha-256=:<base64>:, sha-512=:<base64>:}.
 *
 * <p>Other algorithms and parameters are read past and ignored. A value that is not a valid
 * dictionary is ignored as a whole, as RFC 8941 requires, and so is a {@code sha-256} member
 * that is not a 32-byte byte sequence: either way there is no SHA-256 to check against.
 * Inner lists, which no digest algorithm uses, make the value invalid.
 */
final class ReprDigest {

    private static final String BASE64 =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=";
    /** Stands for any bare item other than a byte sequence. */
    private static final Object OTHER = new Object();

    private final String s;
    private int at;

    private ReprDigest(String s) {
        this.s = s;
    }

    /**
     * The {@code sha-256} member of a {@code Repr-Digest} field value (several field lines
     * joined with {@code ,}), or nothing if there is none or the value is invalid.
     */
    static Optional<Digest> sha256(String fieldValue) {
        Map<String, Object> members = new ReprDigest(fieldValue).dictionary();
        if (members != null && members.get("sha-256") instanceof byte[] bytes
                && bytes.length == Digest.LENGTH) {
            return Optional.of(Digest.fromBytes(bytes));
        }
        return Optional.empty();
    }

    /** The members, later ones replacing earlier of the same name; null if invalid. */
    private Map<String, Object> dictionary() {
        Map<String, Object> members = new HashMap<>();
        skip(" ");
        while (at < s.length()) {
            String key = key();
            if (key == null) {
                return null;
            }
            Object value = Boolean.TRUE;
            if (next('=')) {
                value = bareItem();
            }
            if (value == null || !parameters()) {
                return null;
            }
            members.put(key, value);
            skip(" \t");
            if (at == s.length()) {
                return members;
            }
            if (!next(',')) {
                return null;
            }
            skip(" \t");
            if (at == s.length()) {
                return null;
            }
        }
        return members;
    }

    private String key() {
        int start = at;
        if (at < s.length() && (isLowerAlpha(s.charAt(at)) || s.charAt(at) == '*')) {
            at++;
            while (at < s.length() && isKeyChar(s.charAt(at))) {
                at++;
            }
        }
        return at == start ? null : s.substring(start, at);
    }

    /** A byte sequence's bytes, {@link #OTHER} for any other valid bare item, or null. */
    private Object bareItem() {
        if (at == s.length()) {
            return null;
        }
        char c = s.charAt(at);
        if (c == ':') {
            return byteSequence();
        }
        if (c == '"') {
            return string() ? OTHER : null;
        }
        if (c == '?') {
            at++;
            return next('0') || next('1') ? OTHER : null;
        }
        if (c == '-' || Character.isDigit(c)) {
            next('-');
            int digits = skip("0123456789.");
            return digits > 0 ? OTHER : null;
        }
        if (Character.isLetter(c) || c == '*') {
            while (at < s.length() && isTokenChar(s.charAt(at))) {
                at++;
            }
            return OTHER;
        }
        return null;
    }

    private byte[] byteSequence() {
        int end = s.indexOf(':', at + 1);
        if (end < 0) {
            return null;
        }
        String content = s.substring(at + 1, end);
        for (int i = 0; i < content.length(); i++) {
            if (BASE64.indexOf(content.charAt(i)) < 0) {
                return null;
            }
        }
        at = end + 1;
        try {
            return Base64.getDecoder().decode(content);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private boolean string() {
        for (at++; at < s.length(); at++) {
            char c = s.charAt(at);
            if (c == '\\') {
                at++;
                if (at == s.length() || (s.charAt(at) != '"' && s.charAt(at) != '\\')) {
                    return false;
                }
            } else if (c == '"') {
                at++;
                return true;
            } else if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return false;
    }

    private boolean parameters() {
        while (next(';')) {
            skip(" ");
            if (key() == null || (next('=') && bareItem() == null)) {
                return false;
            }
        }
        return true;
    }

    private boolean next(char c) {
        if (at < s.length() && s.charAt(at) == c) {
            at++;
            return true;
        }
        return false;
    }

    private int skip(String chars) {
        int start = at;
        while (at < s.length() && chars.indexOf(s.charAt(at)) >= 0) {
            at++;
        }
        return at - start;
    }

    private static boolean isLowerAlpha(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean isKeyChar(char c) {
        return isLowerAlpha(c) || (c >= '0' && c <= '9') || "_-.*".indexOf(c) >= 0;
    }

    private static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-.^_`|~:/".indexOf(c) >= 0;
    }
}
