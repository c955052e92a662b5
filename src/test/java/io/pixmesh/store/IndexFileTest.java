package io.pixmesh.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexFileTest {

    private static final StoreKey KEY = StoreKey.of("a.png");
    private static final IndexEntry ENTRY = new IndexEntry(3, FileTime.from(Instant.EPOCH), null,
            Digest.of("png".getBytes(StandardCharsets.US_ASCII)));

    @TempDir
    Path dir;

    @Test
    void storesAndRemovesEntries() throws IOException {
        try (IndexFile file = IndexFile.open(dir)) {
            file.put(KEY, ENTRY);
            assertThat(file.get(KEY)).contains(ENTRY);

            file.remove(KEY);
            assertThat(file.get(KEY)).isEmpty();
        }
    }

    @Test
    void failedStoreDoesNotFailItsCallers() throws IOException {
        IndexFile file = IndexFile.open(dir);
        file.put(KEY, ENTRY);
        // MVStore closes itself after a fatal write error; closing it here fails it the same way.
        file.close();

        file.put(KEY, ENTRY);
        file.remove(KEY);
        assertThat(file.get(StoreKey.of("b.png"))).isEmpty();
    }
}
