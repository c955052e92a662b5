package io.pixmesh.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.pixmesh.http.ResponseHeaders;
import org.junit.jupiter.api.Test;

class ValidationTimesTest {

    private static final long STORED_AT = 1_700_000_000_000L;

    private static CachedResponse stored(String etag, long storedAt) {
        return CachedResponse.of(200, ResponseHeaders.builder()
                .add("Content-Type", "image/png").add("ETag", etag).build(), new byte[] {1, 2, 3}, storedAt);
    }

    @Test
    void aCopyReadBackFromALowerTierGetsTheRecordedValidationTime() {
        ValidationTimes times = new ValidationTimes(10);
        times.record("a.png", stored("\"v1\"", STORED_AT), STORED_AT + 5_000);

        // What the off-heap or disk tier gives back: the stored time only.
        CachedResponse copy = stored("\"v1\"", STORED_AT);
        times.restore("a.png", copy);

        assertThat(copy.validatedAtMillis()).isEqualTo(STORED_AT + 5_000);
    }

    @Test
    void aTimeAppliesOnlyToTheStoredVersionItWasRecordedFor() {
        ValidationTimes times = new ValidationTimes(10);
        times.record("a.png", stored("\"v1\"", STORED_AT), STORED_AT + 5_000);

        CachedResponse storedSince = stored("\"v2\"", STORED_AT + 1_000);
        CachedResponse sameTimeOtherTag = stored("\"v2\"", STORED_AT);
        CachedResponse otherKey = stored("\"v1\"", STORED_AT);
        times.restore("a.png", storedSince);
        times.restore("a.png", sameTimeOtherTag);
        times.restore("b.png", otherKey);

        assertThat(storedSince.validatedAtMillis()).isEqualTo(STORED_AT + 1_000);
        assertThat(sameTimeOtherTag.validatedAtMillis()).isEqualTo(STORED_AT);
        assertThat(otherKey.validatedAtMillis()).isEqualTo(STORED_AT);
    }

    @Test
    void neverMovesATimeBack() {
        ValidationTimes times = new ValidationTimes(10);
        CachedResponse entry = stored("\"v1\"", STORED_AT);
        times.record("a.png", entry, STORED_AT + 5_000);
        times.record("a.png", entry, STORED_AT + 2_000);

        CachedResponse copy = stored("\"v1\"", STORED_AT);
        copy.confirmedAt(STORED_AT + 9_000);
        times.restore("a.png", copy);
        CachedResponse other = stored("\"v1\"", STORED_AT);
        times.restore("a.png", other);

        assertThat(copy.validatedAtMillis()).as("a later time the copy already had").isEqualTo(STORED_AT + 9_000);
        assertThat(other.validatedAtMillis()).as("the later of two records").isEqualTo(STORED_AT + 5_000);
    }

    @Test
    void neverHoldsMoreThanItsCapacity() {
        ValidationTimes times = new ValidationTimes(3);
        for (int i = 0; i < 100; i++) {
            times.record("k" + i, stored("\"v1\"", STORED_AT), STORED_AT + i);
            assertThat(times.size()).isBetween(1, 3);
        }
        assertThatIllegalArgumentException().isThrownBy(() -> new ValidationTimes(0));
    }
}
