package io.pixmesh.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SentBytesTest {

    @Test
    void aStreamedBodyCountsWhatWasWritten() {
        assertThat(SentBytes.of("GET", 200, 5120, null, null)).isEqualTo(5120);
    }

    @Test
    void aSendfileBodyCountsItsRange() {
        assertThat(SentBytes.of("GET", 206, 0, 1000L, 5000L)).isEqualTo(4000);
        assertThat(SentBytes.of("GET", 200, 0, 0L, 5_000_000L)).isEqualTo(5_000_000);
    }

    @Test
    void aHeadAnswerSendsNoBodyWhateverWasWritten() {
        assertThat(SentBytes.of("HEAD", 200, 12, 0L, 5_000_000L)).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 204, 304})
    void statusesWithoutABodySendNone(int status) {
        assertThat(SentBytes.of("GET", status, 10, null, null)).isZero();
    }

    @Test
    void attributesOfAnotherTypeAreNotARange() {
        assertThat(SentBytes.of("GET", 200, 7, "0", "100")).isEqualTo(7);
    }
}
