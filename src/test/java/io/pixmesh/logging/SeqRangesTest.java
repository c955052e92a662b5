package io.pixmesh.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeqRangesTest {

    private static SeqRanges of(long... seqs) {
        SeqRanges ranges = new SeqRanges();
        for (long seq : seqs) {
            ranges.add(seq);
        }
        return ranges;
    }

    @Test
    void inOrderNumbersLeaveNoGap() {
        SeqRanges ranges = of(1, 2, 3, 4);

        assertThat(ranges.missingFrom(1)).isEmpty();
        assertThat(ranges.first()).isEqualTo(1);
        assertThat(ranges.last()).isEqualTo(4);
    }

    @Test
    void holesAreReportedAsRuns() {
        assertThat(of(1, 2, 5, 9, 10).missingFrom(1)).map(SeqRanges.Range::toString).containsExactly("3-4", "6-8");
    }

    @Test
    void aLateStartIsMissingFromOneButNotFromTheFirstSeen() {
        SeqRanges ranges = of(5, 6, 7);

        assertThat(ranges.missingFrom(1)).map(SeqRanges.Range::toString).containsExactly("1-4");
        assertThat(ranges.missingFrom(5)).isEmpty();
    }

    @Test
    void outOfOrderNumbersMergeIntoOneRun() {
        assertThat(of(3, 1, 2, 6, 4, 5).missingFrom(1)).isEmpty();
    }

    @Test
    void aNumberSeenAgainIsADuplicate() {
        SeqRanges ranges = of(1, 2, 3, 7);

        assertThat(ranges.add(2)).isFalse();
        assertThat(ranges.add(7)).isFalse();
        assertThat(ranges.add(5)).isTrue();
        assertThat(ranges.add(5)).isFalse();
        assertThat(ranges.missingFrom(1)).map(SeqRanges.Range::toString).containsExactly("4", "6");
    }
}
