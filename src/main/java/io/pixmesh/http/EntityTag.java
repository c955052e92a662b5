package io.pixmesh.http;

import java.util.Objects;
import java.util.Optional;

/**
 * An entity tag (RFC 9110 §8.8.3): an opaque validator, either strong or weak.
 *
 * <p>Instances are immutable and only ever hold a valid opaque tag, so {@link #toString()} is
 * always safe to send as an {@code ETag} field value. Two tags are {@link #equals equal} when they
 * have the same weakness and the same opaque characters; use {@link #strongMatch} or
 * {@link #weakMatch} for the comparisons defined by HTTP.
 */
public final class EntityTag {

    private final boolean weak;
    private final String opaque;
    private final String wire;

    private EntityTag(boolean weak, String opaque) {
        if (!isOpaque(opaque, 0, opaque.length())) {
            throw new IllegalArgumentException("not a valid entity-tag value: " + opaque);
        }
        this.weak = weak;
        this.opaque = opaque;
        // Precomputed because the ETag header is written on every response.
        this.wire = (weak ? "W/\"" : "\"") + opaque + '"';
    }

    /**
     * Returns a strong tag with the given opaque value (without quotes).
     *
     * @throws IllegalArgumentException if {@code opaque} holds a character outside etagc
     *     ({@code %x21 / %x23-7E / %x80-FF})
     */
    public static EntityTag strong(String opaque) {
        return new EntityTag(false, Objects.requireNonNull(opaque, "opaque"));
    }

    /**
     * Returns a weak tag with the given opaque value (without quotes).
     *
     * @throws IllegalArgumentException if {@code opaque} holds a character outside etagc
     */
    public static EntityTag weak(String opaque) {
        return new EntityTag(true, Objects.requireNonNull(opaque, "opaque"));
    }

    /**
     * Parses a single entity-tag in wire form, such as {@code "abc"} or {@code W/"abc"}.
     * Surrounding spaces and tabs are ignored; anything else that is not exactly one valid
     * entity-tag (including {@code null}, {@code *} and lists) gives an empty result.
     */
    public static Optional<EntityTag> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        int start = Ows.skip(value, 0, value.length());
        int end = Ows.skipBack(value, start, value.length());
        int tagEnd = scan(value, start, end);
        return tagEnd == end ? Optional.of(at(value, start, tagEnd)) : Optional.empty();
    }

    /**
     * Returns the index just past the entity-tag that starts at {@code from}, or -1 if no valid
     * entity-tag starts there. Only characters before {@code limit} are examined.
     */
    static int scan(String s, int from, int limit) {
        int quote = s.startsWith("W/", from) ? from + 2 : from;
        if (quote >= limit || s.charAt(quote) != '"') {
            return -1;
        }
        int close = s.indexOf('"', quote + 1);
        if (close < 0 || close >= limit || !isOpaque(s, quote + 1, close)) {
            return -1;
        }
        return close + 1;
    }

    /** Builds the tag found by {@link #scan} between {@code from} and {@code end}. */
    static EntityTag at(String s, int from, int end) {
        boolean weak = s.charAt(from) == 'W';
        return new EntityTag(weak, s.substring(from + (weak ? 3 : 1), end - 1));
    }

    private static boolean isOpaque(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < 0x21 || c == '"' || c == 0x7F || c > 0xFF) {
                return false;
            }
        }
        return true;
    }

    /** Whether this tag is weak ({@code W/} prefix). */
    public boolean isWeak() {
        return weak;
    }

    /** The opaque characters between the quotes. */
    public String opaque() {
        return opaque;
    }

    /** Strong comparison (RFC 9110 §8.8.3.2): both tags strong and their opaque values equal. */
    public boolean strongMatch(EntityTag other) {
        return !weak && !other.weak && opaque.equals(other.opaque);
    }

    /** Weak comparison (RFC 9110 §8.8.3.2): opaque values equal, whatever the weakness. */
    public boolean weakMatch(EntityTag other) {
        return opaque.equals(other.opaque);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EntityTag && ((EntityTag) o).wire.equals(wire);
    }

    @Override
    public int hashCode() {
        return wire.hashCode();
    }

    /** The wire form: {@code "abc"} for a strong tag, {@code W/"abc"} for a weak one. */
    @Override
    public String toString() {
        return wire;
    }
}
