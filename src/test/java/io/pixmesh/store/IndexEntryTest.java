package io.pixmesh.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class IndexEntryTest {

    private static final Digest DIGEST = Digest.of("png".getBytes(StandardCharsets.US_ASCII));
    private static final FileTime TIME = FileTime.from(Instant.parse("2024-05-01T10:15:30.123456789Z"));

    @Test
    void roundTripsWithNanosecondTimeAndIdentity() {
        IndexEntry entry = new IndexEntry(1234, TIME, "(dev=803,ino=42)", DIGEST);

        assertThat(IndexEntry.decode(entry.encode())).contains(entry);
    }

    @Test
    void roundTripsWithoutIdentity() {
        IndexEntry entry = new IndexEntry(0, TIME, null, DIGEST);

        assertThat(IndexEntry.decode(entry.encode())).contains(entry);
    }

    @Test
    void bytesInAnotherFormatDecodeToNothing() {
        byte[] encoded = new IndexEntry(1234, TIME, "(dev=803,ino=42)", DIGEST).encode();
        byte[] otherFormat = encoded.clone();
        otherFormat[0] = 2;

        assertThat(IndexEntry.decode(otherFormat)).isEmpty();
        assertThat(IndexEntry.decode(Arrays.copyOf(encoded, encoded.length - 1))).isEmpty();
        assertThat(IndexEntry.decode(Arrays.copyOf(encoded, encoded.length + 1))).isEmpty();
        assertThat(IndexEntry.decode(new byte[0])).isEmpty();
    }

    @Test
    void matchesOnlyTheSameSizeTimeAndIdentity() {
        IndexEntry entry = IndexEntry.of(new Attributes(10, TIME, "id"), DIGEST);

        assertThat(entry.matches(new Attributes(10, TIME, "id"))).isTrue();
        assertThat(entry.matches(new Attributes(11, TIME, "id"))).isFalse();
        assertThat(entry.matches(new Attributes(10, plusNanos(TIME, 1), "id"))).isFalse();
        assertThat(entry.matches(new Attributes(10, TIME, "other"))).isFalse();
        assertThat(entry.matches(new Attributes(10, TIME, null))).isFalse();
    }

    @Test
    void withoutIdentitySizeAndTimeDecide() {
        IndexEntry entry = IndexEntry.of(new Attributes(10, TIME, null), DIGEST);

        assertThat(entry.matches(new Attributes(10, TIME, null))).isTrue();
        assertThat(entry.matches(new Attributes(10, plusNanos(TIME, 1), null))).isFalse();
    }

    private static FileTime plusNanos(FileTime time, long nanos) {
        return FileTime.from(time.toInstant().plusNanos(nanos));
    }

    /** Attributes as a file system without file keys, or with chosen ones, reports them. */
    private record Attributes(long size, FileTime lastModifiedTime, Object fileKey)
            implements BasicFileAttributes {

        @Override
        public FileTime lastAccessTime() {
            return lastModifiedTime;
        }

        @Override
        public FileTime creationTime() {
            return lastModifiedTime;
        }

        @Override
        public boolean isRegularFile() {
            return true;
        }

        @Override
        public boolean isDirectory() {
            return false;
        }

        @Override
        public boolean isSymbolicLink() {
            return false;
        }

        @Override
        public boolean isOther() {
            return false;
        }
    }
}
