package io.pixmesh.store;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Turns the raw path of a request into a {@link StoreKey}, or says why it cannot be one.
 *
 * <p>The input is the path after the context path, still percent-encoded, as
 * {@code getRequestURI()} minus {@code getContextPath()} gives it. It is split on literal
 * {@code /} first and each segment is decoded exactly once, as strict UTF-8; so an encoded
 * slash stays inside its segment, where it is refused, and nothing is ever decoded twice.
 * A literal {@code ;} is refused rather than stripped, so a path parameter can never make
 * two different paths name one file; an encoded {@code %3B} is an ordinary character.
 *
 * <p>{@link #parse} is a pure function and safe to call from any thread.
 */
public final class RequestPaths {

    /** What {@link #parse} concluded. */
    public sealed interface Result permits Valid, Malformed, Refused {
    }

    /** The path names {@code key}. */
    public record Valid(StoreKey key) implements Result {
    }

    /** The path is not a well-formed percent-encoded UTF-8 path (answer 400). */
    public record Malformed(String reason) implements Result {
    }

    /** The path is well formed but may not name an image (answer 404). */
    public record Refused(String reason) implements Result {
    }

    private RequestPaths() {
    }

    /** Parses a raw request path such as {@code /a/b%20c.png}. */
    public static Result parse(String rawPath) {
        if (rawPath.isEmpty() || rawPath.equals("/")) {
            return new Refused("no image named; directories are not listed");
        }
        if (rawPath.charAt(0) != '/') {
            return new Malformed("path does not start with /");
        }
        String plain = plainKey(rawPath);
        return plain != null ? new Valid(new StoreKey(plain)) : decoded(rawPath);
    }

    /**
     * The whole rule set, for any path starting with {@code /}: split, decode each segment once,
     * then refuse. Package-private so tests can check {@link #plainKey} against it.
     */
    static Result decoded(String rawPath) {
        String[] segments = rawPath.substring(1).split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            try {
                segments[i] = decode(segments[i]);
            } catch (MalformedSegment e) {
                return new Malformed(e.getMessage());
            }
        }
        return refusal(rawPath, segments)
                .<Result>map(Refused::new)
                .orElseGet(() -> new Valid(new StoreKey(String.join("/", segments))));
    }

    /**
     * The key for the common path, without splitting, decoding or joining: one of printable ASCII
     * with no {@code %}, {@code ;}, {@code \}, space or empty segment, none of whose segments
     * begins with {@code .}, is the reserved {@code -} first segment or {@code WEB-INF} or
     * {@code META-INF} in any case. Such a path decodes to itself and passes every rule, so its
     * key is the path without its leading {@code /}. Anything else gives null, and
     * {@link #decoded} then decides, with its reasons.
     */
    static String plainKey(String rawPath) {
        int segmentStart = 1;
        int length = rawPath.length();
        for (int i = 1; i <= length; i++) {
            char c = i < length ? rawPath.charAt(i) : '/';
            if (c == '/') {
                int segmentLength = i - segmentStart;
                if (segmentLength == 0 || rawPath.charAt(segmentStart) == '.'
                        || segmentStart == 1 && segmentLength == 1 && rawPath.charAt(1) == '-'
                        || reservedName(rawPath, segmentStart, segmentLength)) {
                    return null;
                }
                segmentStart = i + 1;
            } else if (c <= ' ' || c >= 0x7f || c == '%' || c == ';' || c == '\\') {
                return null;
            }
        }
        return rawPath.substring(1);
    }

    private static boolean reservedName(String path, int start, int length) {
        return length == 7 && path.regionMatches(true, start, "WEB-INF", 0, 7)
                || length == 8 && path.regionMatches(true, start, "META-INF", 0, 8);
    }

    private static Optional<String> refusal(String rawPath, String[] segments) {
        if (rawPath.indexOf(';') >= 0) {
            return Optional.of("path parameter (;)");
        }
        if (rawPath.endsWith("/")) {
            return Optional.of("trailing slash; directories are not listed");
        }
        for (int i = 0; i < segments.length; i++) {
            Optional<String> refusal = Segments.refusal(segments[i], i == 0);
            if (refusal.isPresent()) {
                return refusal;
            }
        }
        return Optional.empty();
    }

    private static String decode(String raw) throws MalformedSegment {
        if (raw.indexOf('%') < 0 && isAscii(raw)) {
            return raw;
        }
        byte[] bytes = new byte[raw.length()];
        int length = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                bytes[length++] = escapedByte(raw, i);
                i += 2;
            } else if (c < 0x80) {
                bytes[length++] = (byte) c;
            } else {
                throw new MalformedSegment("non-ASCII character not percent-encoded");
            }
        }
        return strictUtf8(bytes, length);
    }

    private static byte escapedByte(String raw, int percent) throws MalformedSegment {
        if (percent + 2 >= raw.length()) {
            throw new MalformedSegment("truncated percent escape");
        }
        int high = hexValue(raw.charAt(percent + 1));
        int low = hexValue(raw.charAt(percent + 2));
        if (high < 0 || low < 0) {
            throw new MalformedSegment("% not followed by two hex digits");
        }
        return (byte) (high << 4 | low);
    }

    private static String strictUtf8(byte[] bytes, int length) throws MalformedSegment {
        // The JDK decoder also rejects overlong forms (%c0%ae) and encoded surrogates.
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MalformedSegment("not valid UTF-8");
        }
    }

    /** Unlike {@code Character.digit}, accepts ASCII hex digits only. */
    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** Carries a reason out of the decoding loop; cheap because it has no stack trace. */
    private static final class MalformedSegment extends Exception {
        MalformedSegment(String reason) {
            super(reason, null, false, false);
        }
    }
}
