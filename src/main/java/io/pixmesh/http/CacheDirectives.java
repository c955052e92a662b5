package io.pixmesh.http;

import java.util.Locale;
import java.util.OptionalLong;

/**
 * A {@code Cache-Control} field value (RFC 9111 §5.2), read once into the directives a cache of
 * images acts on.
 *
 * <p>Reading is tolerant, as RFC 9111 asks of a cache: directive names are case-insensitive,
 * whitespace around elements and {@code =} is skipped, arguments may be tokens or quoted strings
 * ({@code max-age="60"}), and unknown directives, junk and malformed arguments are ignored. Each
 * time directive keeps its first valid occurrence; a value beyond 2<sup>31</sup> seconds reads as
 * 2<sup>31</sup> (RFC 9111 §1.2.2). {@code private} and {@code no-cache} count as present with
 * or without a field-name list. Instances are immutable.
 */
public final class CacheDirectives {

    /** The greatest delta-seconds value kept, per RFC 9111 §1.2.2. */
    private static final long MAX_DELTA_SECONDS = 2_147_483_648L;
    private static final String TCHAR_SYMBOLS = "!#$%&'*+-.^_`|~";

    private final String value;
    private final boolean isPublic;
    private final boolean isPrivate;
    private final boolean noStore;
    private final boolean noCache;
    private final boolean immutable;
    private final boolean mustRevalidate;
    private final OptionalLong maxAge;
    private final OptionalLong sMaxAge;
    private final OptionalLong staleWhileRevalidate;
    private final OptionalLong staleIfError;

    private CacheDirectives(String value, Reader read) {
        this.value = value;
        this.isPublic = read.isPublic;
        this.isPrivate = read.isPrivate;
        this.noStore = read.noStore;
        this.noCache = read.noCache;
        this.immutable = read.immutable;
        this.mustRevalidate = read.mustRevalidate;
        this.maxAge = seconds(read.maxAge);
        this.sMaxAge = seconds(read.sMaxAge);
        this.staleWhileRevalidate = seconds(read.staleWhileRevalidate);
        this.staleIfError = seconds(read.staleIfError);
    }

    /** Reads a Cache-Control field value; {@code null}, for an absent field, has no directives. */
    public static CacheDirectives parse(String value) {
        String field = value == null ? "" : value;
        Reader reader = new Reader();
        reader.read(field);
        return new CacheDirectives(field, reader);
    }

    private static OptionalLong seconds(long value) {
        return value < 0 ? OptionalLong.empty() : OptionalLong.of(value);
    }

    /** {@code public}. */
    public boolean isPublic() {
        return isPublic;
    }

    /** {@code private}, with or without field names. */
    public boolean isPrivate() {
        return isPrivate;
    }

    /** {@code no-store}. */
    public boolean noStore() {
        return noStore;
    }

    /** {@code no-cache}, with or without field names. */
    public boolean noCache() {
        return noCache;
    }

    /** {@code immutable} (RFC 8246). */
    public boolean immutable() {
        return immutable;
    }

    /** {@code must-revalidate}. */
    public boolean mustRevalidate() {
        return mustRevalidate;
    }

    /** {@code max-age}, in seconds. */
    public OptionalLong maxAge() {
        return maxAge;
    }

    /** {@code s-maxage}, in seconds. */
    public OptionalLong sMaxAge() {
        return sMaxAge;
    }

    /** {@code stale-while-revalidate} (RFC 5861), in seconds. */
    public OptionalLong staleWhileRevalidate() {
        return staleWhileRevalidate;
    }

    /** {@code stale-if-error} (RFC 5861), in seconds. */
    public OptionalLong staleIfError() {
        return staleIfError;
    }

    /** The field value exactly as given ({@code ""} for an absent field). */
    @Override
    public String toString() {
        return value;
    }

    /** Gathers directives element by element; -1 stands for an absent time. */
    private static final class Reader {
        boolean isPublic;
        boolean isPrivate;
        boolean noStore;
        boolean noCache;
        boolean immutable;
        boolean mustRevalidate;
        long maxAge = -1;
        long sMaxAge = -1;
        long staleWhileRevalidate = -1;
        long staleIfError = -1;

        void read(String s) {
            int n = s.length();
            int i = skipSeparators(s, 0);
            while (i < n) {
                int nameEnd = tokenEnd(s, i);
                String name = s.substring(i, nameEnd).toLowerCase(Locale.ROOT);
                i = Ows.skip(s, nameEnd, n);
                String argument = null;
                if (i < n && s.charAt(i) == '=') {
                    i = Ows.skip(s, i + 1, n);
                    if (i < n && s.charAt(i) == '"') {
                        StringBuilder quoted = new StringBuilder();
                        i = quotedEnd(s, i, quoted);
                        argument = quoted.toString();
                    } else {
                        int end = tokenEnd(s, i);
                        argument = s.substring(i, end);
                        i = end;
                    }
                }
                apply(name, argument);
                i = nextElement(s, i);
            }
        }

        private void apply(String name, String argument) {
            switch (name) {
                case "public" -> isPublic = true;
                case "private" -> isPrivate = true;
                case "no-store" -> noStore = true;
                case "no-cache" -> noCache = true;
                case "immutable" -> immutable = true;
                case "must-revalidate" -> mustRevalidate = true;
                case "max-age" -> maxAge = firstValid(maxAge, argument);
                case "s-maxage" -> sMaxAge = firstValid(sMaxAge, argument);
                case "stale-while-revalidate" ->
                        staleWhileRevalidate = firstValid(staleWhileRevalidate, argument);
                case "stale-if-error" -> staleIfError = firstValid(staleIfError, argument);
                default -> { }
            }
        }
    }

    /** {@code current} if already set, else the delta-seconds in {@code argument}, or -1. */
    private static long firstValid(long current, String argument) {
        if (current >= 0 || argument == null || argument.isEmpty()) {
            return current;
        }
        long seconds = 0;
        for (int i = 0; i < argument.length(); i++) {
            char c = argument.charAt(i);
            if (c < '0' || c > '9') {
                return current;
            }
            seconds = Math.min(MAX_DELTA_SECONDS, seconds * 10 + (c - '0'));
        }
        return seconds;
    }

    private static int tokenEnd(String s, int from) {
        int i = from;
        while (i < s.length() && isTchar(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isTchar(char c) {
        return c < 0x80 && (Character.isLetterOrDigit(c) || TCHAR_SYMBOLS.indexOf(c) >= 0);
    }

    /**
     * Reads the quoted-string that opens at {@code from} into {@code out}, unescaping
     * quoted-pairs, and returns the index just past it (the end of {@code s} if unterminated).
     */
    private static int quotedEnd(String s, int from, StringBuilder out) {
        int i = from + 1;
        while (i < s.length() && s.charAt(i) != '"') {
            if (s.charAt(i) == '\\' && i + 1 < s.length()) {
                i++;
            }
            out.append(s.charAt(i));
            i++;
        }
        return Math.min(i + 1, s.length());
    }

    /** The start of the next list element: past the next comma outside a quoted string. */
    private static int nextElement(String s, int from) {
        int i = from;
        while (i < s.length() && s.charAt(i) != ',') {
            i = s.charAt(i) == '"' ? quotedEnd(s, i, new StringBuilder()) : i + 1;
        }
        return skipSeparators(s, i);
    }

    /** Past any commas and whitespace, so past empty list elements too. */
    private static int skipSeparators(String s, int from) {
        int i = from;
        while (i < s.length() && (s.charAt(i) == ',' || Ows.is(s.charAt(i)))) {
            i++;
        }
        return i;
    }
}
