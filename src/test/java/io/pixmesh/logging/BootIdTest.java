package io.pixmesh.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BootIdTest {

    @Test
    void isTheStartTimeInBase36ThenFourRandomCharacters() {
        BootId boot = BootId.at(1_750_000_000_000L, new SplittableRandom(1));

        assertThat(boot.value()).startsWith(Long.toString(1_750_000_000_000L, 36)).hasSize(12).matches("[0-9a-z]+");
    }

    @Test
    void laterStartsSortAfterEarlierOnes() {
        String earlier = BootId.at(1_750_000_000_000L, new SplittableRandom(1)).value();
        String later = BootId.at(1_750_000_000_001L, new SplittableRandom(2)).value();

        assertThat(later).isGreaterThan(earlier);
    }

    @Test
    void twoStartsInTheSameMillisecondDiffer() {
        SplittableRandom random = new SplittableRandom(7);

        assertThat(BootId.at(1_750_000_000_000L, random)).isNotEqualTo(BootId.at(1_750_000_000_000L, random));
    }

    @Test
    void aValueThatCouldNotSitBetweenDashesIsRefused() {
        assertThatThrownBy(() -> new BootId("a-b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BootId("")).isInstanceOf(IllegalArgumentException.class);
    }
}
