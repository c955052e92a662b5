package io.pixmesh.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValidatorsTest {

    @ParameterizedTest
    @CsvSource({
        "2024-03-01T10:00:00.999999999Z, 2024-03-01T10:00:00Z",
        "2024-03-01T10:00:00Z,           2024-03-01T10:00:00Z",
        "1969-12-31T23:59:59.500Z,       1969-12-31T23:59:59Z",
    })
    void truncatesLastModifiedToTheSecondAnHttpDateCarries(Instant given, Instant kept) {
        assertThat(new Validators(EntityTag.strong("x"), given).lastModified()).isEqualTo(kept);
    }

    @Test
    void requiresBothValidators() {
        assertThatNullPointerException().isThrownBy(() -> new Validators(null, Instant.EPOCH));
        assertThatNullPointerException()
                .isThrownBy(() -> new Validators(EntityTag.strong("x"), null));
    }
}
