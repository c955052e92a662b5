package io.pixmesh.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads a {@code Range} field value (RFC 9110 §14.1, §14.2) against a representation of known
 * length and decides how to answer it.
 *
 * <p>The result of {@link #parse} is bounded whatever the client sends: at most
 * {@link #MAX_RANGES} ranges, sorted, lying within the representation, pairwise separated by at
 * least {@link #COALESCE_GAP} bytes, so their total length never exceeds the representation's
 * and a multipart answer is never much larger than the whole representation.
 */
public final class ByteRanges {

    /**
     * The most range-specs a Range field may hold; more, and the field is ignored. RFC 9110
     * §14.2 lets a server ignore a Range it deems abusive; a picture is never fetched in more
     * pieces than this, and the bound keeps the multipart overhead of one answer small.
     */
    public static final int MAX_RANGES = 32;

    /**
     * The longest Range field value, in characters, that is read; a longer one is ignored
     * unparsed, so that parsing costs little whatever the client sends.
     */
    public static final int MAX_FIELD_LENGTH = 1024;

    /**
     * Ranges closer than this many bytes are merged into one: sending the gap costs less than
     * the headers of another multipart part (RFC 9110 §14.3 allows coalescing).
     */
    public static final int COALESCE_GAP = 80;

    private static final RangeRequest IGNORE = new RangeRequest.Ignore();
    private static final RangeRequest UNSATISFIABLE = new RangeRequest.Unsatisfiable();
    private static final String UNIT = "bytes";

    private ByteRanges() {
    }

    /**
     * Decides how to answer a Range field for a representation of {@code completeLength} bytes.
     *
     * <ul>
     *   <li>{@link RangeRequest.Ignore}: the field is absent, syntactically invalid (RFC 9110
     *       §14.1.1, including a range whose last position precedes its first), in a unit other
     *       than {@code bytes} (case-insensitive), longer than {@link #MAX_FIELD_LENGTH} or holds
     *       more than {@link #MAX_RANGES} range-specs.
     *   <li>{@link RangeRequest.Unsatisfiable}: valid, but no range-spec overlaps the
     *       representation: every first position is at or past its end, every suffix length
     *       is 0, or the representation is empty.
     *   <li>{@link RangeRequest.Satisfiable}: the overlapping ranges, each clipped to the
     *       representation, sorted by position, with any two that overlap, touch or are less
     *       than {@link #COALESCE_GAP} bytes apart merged into one; unsatisfiable range-specs
     *       are dropped.
     * </ul>
     *
     * A suffix range ({@code -n}) means the last {@code n} bytes, or all of them if there are
     * fewer. Numbers too large for a {@code long} are read as {@link Long#MAX_VALUE}. For an
     * empty representation a non-zero suffix range is satisfiable (RFC 9110 §14.1.2) but no
     * {@code Content-Range} can describe its zero bytes, so a field holding one is ignored
     * rather than answered with 416.
     *
     * @throws IllegalArgumentException if {@code completeLength} is negative
     */
    public static RangeRequest parse(String field, long completeLength) {
        if (completeLength < 0) {
            throw new IllegalArgumentException("negative length: " + completeLength);
        }
        List<Spec> specs = specs(field);
        if (specs == null) {
            return IGNORE;
        }
        if (completeLength == 0) {
            boolean anySuffix = specs.stream().anyMatch(spec -> spec.isSuffix() && spec.last() > 0);
            return anySuffix ? IGNORE : UNSATISFIABLE;
        }
        List<ByteRange> ranges = new ArrayList<>(specs.size());
        for (Spec spec : specs) {
            ByteRange range = spec.within(completeLength);
            if (range != null) {
                ranges.add(range);
            }
        }
        if (ranges.isEmpty()) {
            return UNSATISFIABLE;
        }
        return new RangeRequest.Satisfiable(coalesce(ranges));
    }

    /** The range-specs of a valid field within the limits, in order, or null to ignore it. */
    private static List<Spec> specs(String field) {
        if (field == null || field.length() > MAX_FIELD_LENGTH) {
            return null;
        }
        int start = Ows.skip(field, 0, field.length());
        int end = Ows.skipBack(field, start, field.length());
        int equals = start + UNIT.length();
        if (equals >= end || field.charAt(equals) != '='
                || !field.regionMatches(true, start, UNIT, 0, UNIT.length())) {
            return null;
        }
        List<Spec> specs = new ArrayList<>();
        for (int from = equals + 1; from <= end; ) {
            int comma = field.indexOf(',', from);
            int to = comma < 0 || comma > end ? end : comma;
            int a = Ows.skip(field, from, to);
            int b = Ows.skipBack(field, a, to);
            if (a < b) {
                Spec spec = Spec.parse(field, a, b);
                if (spec == null || specs.size() == MAX_RANGES) {
                    return null;
                }
                specs.add(spec);
            }
            from = to + 1;
        }
        return specs.isEmpty() ? null : specs;
    }

    /** Sorts the ranges and merges those closer than {@link #COALESCE_GAP}. */
    private static List<ByteRange> coalesce(List<ByteRange> ranges) {
        ranges.sort(Comparator.comparingLong(ByteRange::first));
        List<ByteRange> merged = new ArrayList<>(ranges.size());
        ByteRange current = ranges.get(0);
        for (ByteRange next : ranges.subList(1, ranges.size())) {
            if (next.first() - current.last() - 1 < COALESCE_GAP) {
                current = new ByteRange(current.first(), Math.max(current.last(), next.last()));
            } else {
                merged.add(current);
                current = next;
            }
        }
        merged.add(current);
        return merged;
    }

    /**
     * One syntactically valid range-spec: {@code first-last} ({@code last} is
     * {@link Long#MAX_VALUE} when open-ended) or, when {@code first} is -1, the suffix range of
     * the last {@code last} bytes.
     */
    private record Spec(long first, long last) {

        /** The range-spec in {@code s[from, to)}, or null if it is not a valid one. */
        static Spec parse(String s, int from, int to) {
            int dash = s.indexOf('-', from);
            if (dash < 0 || dash >= to) {
                return null;
            }
            if (dash == from) {
                long suffix = number(s, dash + 1, to);
                return suffix < 0 ? null : new Spec(-1, suffix);
            }
            long first = number(s, from, dash);
            long last = dash + 1 == to ? Long.MAX_VALUE : number(s, dash + 1, to);
            return first < 0 || last < first ? null : new Spec(first, last);
        }

        boolean isSuffix() {
            return first < 0;
        }

        /** The part of this range-spec inside {@code length > 0} bytes, or null if none. */
        ByteRange within(long length) {
            if (isSuffix()) {
                return last == 0 ? null : new ByteRange(Math.max(0, length - last), length - 1);
            }
            return first >= length ? null : new ByteRange(first, Math.min(last, length - 1));
        }
    }

    /** The decimal number in {@code s[from, to)}, saturated at {@link Long#MAX_VALUE}, or -1. */
    private static long number(String s, int from, int to) {
        if (from == to) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            int digit = s.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value > (Long.MAX_VALUE - digit) / 10 ? Long.MAX_VALUE : value * 10 + digit;
        }
        return value;
    }
}
