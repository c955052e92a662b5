package io.pixmesh.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class LargeKeysTest {

    @Test
    void aKeyIsLargeForTheRememberingTimeThenForgotten() {
        LargeKeys keys = new LargeKeys(10, 2_000);

        keys.remember("big.jpg", 1_000);

        assertThat(keys.isLarge("big.jpg", 1_000)).isTrue();
        assertThat(keys.isLarge("big.jpg", 2_999)).isTrue();
        assertThat(keys.isLarge("other.jpg", 1_500)).isFalse();
        assertThat(keys.isLarge("big.jpg", 3_000)).isFalse();
        assertThat(keys.size()).as("an expired key is dropped when seen").isZero();
    }

    @Test
    void rememberingAgainExtendsTheTime() {
        LargeKeys keys = new LargeKeys(10, 2_000);
        keys.remember("big.jpg", 1_000);

        keys.remember("big.jpg", 2_500);

        assertThat(keys.isLarge("big.jpg", 4_000)).isTrue();
    }

    @Test
    void aZeroRememberingTimeRemembersNothing() {
        LargeKeys keys = new LargeKeys(10, 0);

        keys.remember("big.jpg", 1_000);

        assertThat(keys.isLarge("big.jpg", 1_000)).isFalse();
    }

    @Test
    void neverHoldsMoreThanItsCapacity() {
        LargeKeys keys = new LargeKeys(3, 60_000);
        for (int i = 0; i < 100; i++) {
            keys.remember("big-" + i + ".jpg", 1_000);
            assertThat(keys.size()).isBetween(1, 3);
        }
        assertThat(keys.isLarge("big-99.jpg", 1_000)).as("the latest is always held").isTrue();
    }

    @Test
    void refusesNonsense() {
        assertThatIllegalArgumentException().isThrownBy(() -> new LargeKeys(0, 1));
        assertThatIllegalArgumentException().isThrownBy(() -> new LargeKeys(1, -1));
    }
}
