package io.pixmesh.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MediaTypesTest {

    @ParameterizedTest
    @CsvSource({
        "a.jpg, image/jpeg", "a.jpeg, image/jpeg", "a.jpe, image/jpeg", "A.JPG, image/jpeg",
        "a.png, image/png", "a.PnG, image/png", "a.gif, image/gif", "a.webp, image/webp",
        "a.avif, image/avif", "a.svg, image/svg+xml", "a.ico, image/vnd.microsoft.icon",
        "a.bmp, image/bmp", "a.tif, image/tiff", "a.tiff, image/tiff", "a.jxl, image/jxl",
        "dir.d/photo.tar.png, image/png", "logo.3f9a1c2e.png, image/png",
    })
    void knowsEachImageExtensionWhateverItsCase(String name, String mediaType) {
        assertThat(MediaTypes.forFileName(name)).contains(mediaType);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "png", ".png", "dir/.png", "a.", "a.txt", "a.html", "a.svgz", "a.png.gz",
        "a.png/", "images.png/readme", "a.jpg ", "a.pngx", "a.PNG.exe",
    })
    void hasNoMediaTypeForAnythingElse(String name) {
        assertThat(MediaTypes.forFileName(name)).isEmpty();
    }
}
