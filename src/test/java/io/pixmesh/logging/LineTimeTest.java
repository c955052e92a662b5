package io.pixmesh.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LineTimeTest {

    private static final DateTimeFormatter REFERENCE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static String reference(long millis) {
        return REFERENCE.format(Instant.ofEpochMilli(millis));
    }

    @Test
    void alwaysThreeDigitsOfMillisecondsInUtc() {
        LineTime time = new LineTime();

        assertThat(time.format(1_750_000_000_000L)).isEqualTo("2025-06-15T15:06:40.000Z");
        assertThat(time.format(1_750_000_000_007L)).isEqualTo("2025-06-15T15:06:40.007Z");
        assertThat(time.format(1_750_000_000_090L)).isEqualTo("2025-06-15T15:06:40.090Z");
        assertThat(time.format(1_750_000_000_999L)).isEqualTo("2025-06-15T15:06:40.999Z");
        assertThat(time.format(1_750_000_001_000L)).isEqualTo("2025-06-15T15:06:41.000Z");
    }

    @Test
    void agreesWithTheJdkFormatterAcrossSecondsGoingBothWays() {
        LineTime time = new LineTime();
        SplittableRandom random = new SplittableRandom(7);
        long millis = 1_750_000_000_000L;
        for (int i = 0; i < 20_000; i++) {
            // Mostly small steps (the same second again, the next one), sometimes a jump back.
            millis += random.nextInt(-1_500, 2_500);
            assertThat(time.format(millis)).isEqualTo(reference(millis));
        }
        assertThat(time.format(-1L)).isEqualTo(reference(-1L)).isEqualTo("1969-12-31T23:59:59.999Z");
        assertThat(time.format(0L)).isEqualTo("1970-01-01T00:00:00.000Z");
    }
}
