package io.pixmesh.logging;

import java.util.List;

/**
 * What a set of access log files holds, per boot of each node: how many lines, which sequence
 * numbers are missing and how many came more than once.
 *
 * @param boots       one entry per {@code site-node-boot}, sorted by it
 * @param unreadable  lines without a well-formed id (a damaged line, or not an access line)
 */
record GapReport(List<Boot> boots, long unreadable) {

    /**
     * @param boot        {@code site-node-boot}: an id without its sequence number
     * @param lines       lines read, duplicates included
     * @param first       the lowest sequence number seen
     * @param last        the highest sequence number seen
     * @param duplicates  lines whose id had been read before
     * @param missing     sequence numbers never seen, as runs
     */
    record Boot(String boot, long lines, long first, long last, long duplicates, List<SeqRanges.Range> missing) {

        long missingCount() {
            return missing.stream().mapToLong(SeqRanges.Range::size).sum();
        }
    }

    boolean hasGaps() {
        return boots.stream().anyMatch(boot -> !boot.missing().isEmpty());
    }

    long duplicates() {
        return boots.stream().mapToLong(Boot::duplicates).sum();
    }
}
