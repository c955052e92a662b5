package io.pixmesh.http;

/**
 * An inclusive range of byte positions within a representation, {@code first} to {@code last}.
 *
 * @param first the position of the first byte, at least 0
 * @param last the position of the last byte, at least {@code first}
 */
public record ByteRange(long first, long last) {

    /**
     * @throws IllegalArgumentException if {@code first} is negative or after {@code last}, or if
     *     {@code last} is {@link Long#MAX_VALUE} (no representation can hold that position, and
     *     the length would overflow)
     */
    public ByteRange {
        if (first < 0 || last < first || last == Long.MAX_VALUE) {
            throw new IllegalArgumentException("not a byte range: " + first + "-" + last);
        }
    }

    /** The number of bytes in the range, at least 1. */
    public long length() {
        return last - first + 1;
    }

    /**
     * The {@code Content-Range} field value for this range of a representation of the given
     * length, such as {@code bytes 0-99/1000}.
     *
     * @throws IllegalArgumentException if the range does not lie within that length
     */
    public String contentRange(long completeLength) {
        if (last >= completeLength) {
            throw new IllegalArgumentException(this + " is not within " + completeLength);
        }
        return "bytes " + first + '-' + last + '/' + completeLength;
    }
}
