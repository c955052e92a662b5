package io.pixmesh.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ByteRangeTest {

    @ParameterizedTest
    @CsvSource({
        "0,   0,   1000, 1,   bytes 0-0/1000",
        "0,   99,  1000, 100, bytes 0-99/1000",
        "900, 999, 1000, 100, bytes 900-999/1000",
        "0,   9223372036854775806, 9223372036854775807, 9223372036854775807, "
                + "bytes 0-9223372036854775806/9223372036854775807",
    })
    void knowsItsLengthAndContentRange(long first, long last, long complete, long length,
            String contentRange) {
        ByteRange range = new ByteRange(first, last);

        assertThat(range.length()).isEqualTo(length);
        assertThat(range.contentRange(complete)).isEqualTo(contentRange);
    }

    @ParameterizedTest
    @CsvSource({"-1, 5", "6, 5", "0, 9223372036854775807"})
    void rejectsRangesNoRepresentationCanHold(long first, long last) {
        assertThatIllegalArgumentException().isThrownBy(() -> new ByteRange(first, last));
    }

    @Test
    void refusesAContentRangeBeyondTheRepresentation() {
        ByteRange range = new ByteRange(0, 1000);

        assertThatIllegalArgumentException().isThrownBy(() -> range.contentRange(1000));
    }

    @Test
    void unsatisfiableContentRangeNamesOnlyTheLength() {
        assertThat(RangeRequest.Unsatisfiable.contentRange(1000)).isEqualTo("bytes */1000");
    }
}
