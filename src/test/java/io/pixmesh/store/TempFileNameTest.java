package io.pixmesh.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TempFileNameTest {

    private static final long CREATED = 1_714_558_530_123L;

    @Test
    void isHiddenAndCarriesItsCreationTime() {
        String name = TempFileName.forImage("photo.png", CREATED);

        assertThat(name).startsWith(".photo.png.").endsWith(".tmp");
        assertThat(TempFileName.createdMillis(name)).hasValue(CREATED);
    }

    @Test
    void twoNamesForOneImageDiffer() {
        assertThat(TempFileName.forImage("a.png", CREATED))
                .isNotEqualTo(TempFileName.forImage("a.png", CREATED));
    }

    @Test
    void longNamesAreShortenedWithoutSplittingCharacters() {
        String name = TempFileName.forImage("😀".repeat(200) + ".png", CREATED);

        assertThat(name.getBytes(StandardCharsets.UTF_8).length).isLessThan(255);
        assertThat(name).startsWith("." + "😀".repeat(32) + ".");
        assertThat(TempFileName.createdMillis(name)).hasValue(CREATED);
    }

    @Test
    void otherNamesAreNotTempFiles() {
        assertThat(TempFileName.createdMillis("photo.png")).isEmpty();
        assertThat(TempFileName.createdMillis(".photo.png.tmp")).isEmpty();
        assertThat(TempFileName.createdMillis(".photo.png.18f3-0123.tmp")).isEmpty();
        assertThat(TempFileName.createdMillis("photo.png.18f3-0123456789abcdef.tmp")).isEmpty();
    }
}
