package io.pixmesh.logging;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sequence numbers seen of one boot, kept as disjoint ranges: lines arrive nearly in order,
 * so a boot of millions of lines is a handful of ranges, whatever the number of lines.
 */
final class SeqRanges {

    /** A run of consecutive sequence numbers, both ends included. */
    record Range(long first, long last) {

        long size() {
            return last - first + 1;
        }

        @Override
        public String toString() {
            return first == last ? Long.toString(first) : first + "-" + last;
        }
    }

    private final TreeMap<Long, Long> ranges = new TreeMap<>();

    /** Adds {@code seq}; false when it was already there (a duplicate). */
    boolean add(long seq) {
        Map.Entry<Long, Long> below = ranges.floorEntry(seq);
        if (below != null && below.getValue() >= seq) {
            return false;
        }
        long first = seq;
        long last = seq;
        if (below != null && below.getValue() == seq - 1) {
            first = below.getKey();
        }
        Long next = ranges.get(seq + 1);
        if (next != null) {
            last = next;
            ranges.remove(seq + 1);
        }
        ranges.put(first, last);
        return true;
    }

    long first() {
        return ranges.firstKey();
    }

    long last() {
        return ranges.lastEntry().getValue();
    }

    /** The numbers not seen from {@code from} up to the highest seen. */
    List<Range> missingFrom(long from) {
        List<Range> missing = new ArrayList<>();
        long expected = from;
        for (Map.Entry<Long, Long> range : ranges.entrySet()) {
            if (range.getKey() > expected) {
                missing.add(new Range(expected, range.getKey() - 1));
            }
            expected = Math.max(expected, range.getValue() + 1);
        }
        return missing;
    }
}
