package io.pixmesh.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageStoreDeleteTest {

    @TempDir
    Path dir;

    private DigestIndex index;
    private ImageStore store;

    @BeforeEach
    void open() throws Exception {
        Files.createDirectories(dir.resolve("root"));
        index = DigestIndex.open(dir.resolve("state"));
        store = new ImageStore(dir.resolve("root"), index);
    }

    @AfterEach
    void close() {
        index.close();
    }

    @Test
    void deletesAServedImage() throws Exception {
        Files.write(dir.resolve("root/a.png"), new byte[] {1, 2, 3});
        assertThat(store.find(StoreKey.of("a.png"))).isPresent();

        assertThat(store.delete(StoreKey.of("a.png"))).isTrue();

        assertThat(Files.exists(dir.resolve("root/a.png"))).isFalse();
        assertThat(store.find(StoreKey.of("a.png"))).isEmpty();
    }

    @Test
    void aMissingImageIsNotAnError() throws Exception {
        assertThat(store.delete(StoreKey.of("missing.png"))).isFalse();
    }

    @Test
    void neverDeletesThroughALinkLeavingTheStore() throws Exception {
        Path outside = Files.write(dir.resolve("outside.png"), new byte[] {1});
        Files.createSymbolicLink(dir.resolve("root/link.png"), outside);

        assertThat(store.delete(StoreKey.of("link.png"))).isFalse();

        assertThat(Files.exists(outside)).isTrue();
    }
}
