package io.pixmesh.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A {@code multipart/byteranges} body (RFC 9110 §14.6) for several ranges of one
 * representation, with its exact length known before a byte is written, so the answer can carry
 * {@code Content-Length} instead of being chunked.
 *
 * <p>The body is, for each range, {@code CRLF "--" boundary CRLF}, a {@code Content-Type} and a
 * {@code Content-Range} header line, {@code CRLF} and the range's bytes; then
 * {@code CRLF "--" boundary "--" CRLF}. Instances are immutable and may write the same body any
 * number of times, from any thread.
 */
public final class MultipartByteranges {

    private static final int MAX_BOUNDARY_LENGTH = 70;

    private final String contentType;
    private final List<ByteRange> ranges;
    private final byte[][] partHeads;
    private final byte[] close;
    private final long contentLength;

    /**
     * Lays out the body, computing every part's header lines once.
     *
     * @param partContentType the media type of the representation, sent in every part
     * @param ranges the ranges to send, in the order given, each within {@code completeLength}
     * @param completeLength the length of the whole representation
     * @param boundary 1 to 70 letters, digits or {@code '+_-.} characters (a subset of RFC 2046's
     *     that needs no quoting in {@code Content-Type}); see {@link #newBoundary()}
     * @throws IllegalArgumentException if there are no ranges, a range lies outside
     *     {@code completeLength}, the boundary is not as described, or the content type holds a
     *     control or non-ASCII character
     */
    public MultipartByteranges(String partContentType, List<ByteRange> ranges, long completeLength,
            String boundary) {
        requireBoundary(boundary);
        requireHeaderText(partContentType);
        this.ranges = List.copyOf(ranges);
        if (this.ranges.isEmpty()) {
            throw new IllegalArgumentException("no ranges");
        }
        this.contentType = "multipart/byteranges; boundary=" + boundary;
        this.partHeads = new byte[this.ranges.size()][];
        long length = 0;
        for (int i = 0; i < partHeads.length; i++) {
            ByteRange range = this.ranges.get(i);
            partHeads[i] = ascii("\r\n--" + boundary + "\r\nContent-Type: " + partContentType
                    + "\r\nContent-Range: " + range.contentRange(completeLength) + "\r\n\r\n");
            length += partHeads[i].length + range.length();
        }
        this.close = ascii("\r\n--" + boundary + "--\r\n");
        this.contentLength = length + close.length;
    }

    /**
     * A fresh boundary: 32 random hexadecimal digits. A boundary only has to be absent from the
     * parts, and 128 random bits are; it guards no secret, as the parts are the public image
     * the client asked for, so the fast {@link ThreadLocalRandom} serves instead of
     * {@code SecureRandom}.
     */
    public static String newBoundary() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        HexFormat hex = HexFormat.of();
        return hex.toHexDigits(random.nextLong()) + hex.toHexDigits(random.nextLong());
    }

    /** The {@code Content-Type} of the body: {@code multipart/byteranges; boundary=…}. */
    public String contentType() {
        return contentType;
    }

    /** The exact number of bytes {@link #writeTo} writes. */
    public long contentLength() {
        return contentLength;
    }

    /**
     * Writes the body to {@code out}, taking each range's bytes from {@code source}. Does not
     * flush or close {@code out}.
     */
    public void writeTo(OutputStream out, BodySlices source) throws IOException {
        for (int i = 0; i < partHeads.length; i++) {
            out.write(partHeads[i]);
            ByteRange range = ranges.get(i);
            source.write(out, range.first(), range.length());
        }
        out.write(close);
    }

    private static void requireBoundary(String boundary) {
        boolean valid = !boundary.isEmpty() && boundary.length() <= MAX_BOUNDARY_LENGTH
                && boundary.chars().allMatch(c -> (c < 0x80 && Character.isLetterOrDigit(c))
                        || "'+_-.".indexOf(c) >= 0);
        if (!valid) {
            throw new IllegalArgumentException("not a usable boundary: " + boundary);
        }
    }

    private static void requireHeaderText(String value) {
        if (value.isEmpty() || !value.chars().allMatch(c -> c >= 0x20 && c < 0x7F)) {
            throw new IllegalArgumentException("not a usable content type: " + value);
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
