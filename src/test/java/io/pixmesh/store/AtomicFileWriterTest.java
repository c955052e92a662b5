package io.pixmesh.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileWriterTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final Instant IMAGE_TIME = Instant.parse("2019-03-04T05:06:07Z");
    private static final StoreKey KEY = StoreKey.of("x/y/z.png");

    @TempDir
    Path base;

    private Path root;
    private DigestIndex index;
    private ImageStore store;
    private AtomicFileWriter writer;

    @BeforeEach
    void openStore() throws IOException {
        root = Files.createDirectories(base.resolve("images"));
        index = DigestIndex.open(base.resolve("index"));
        store = new ImageStore(root, index);
        writer = writerAt(NOW);
    }

    @AfterEach
    void closeIndex() {
        index.close();
    }

    @Test
    void persistedImageHasItsBytesTimeAndDigestWithoutHashing() throws IOException {
        Path temp = writer.newTempFile(KEY);
        Files.write(temp, bytes("peer bytes"));

        StoredImage persisted = writer.persist(KEY, temp, IMAGE_TIME, Digest.of(bytes("peer bytes")));
        StoredImage found = store.find(KEY).orElseThrow();

        Path file = root.resolve("x/y/z.png");
        assertThat(file).hasBinaryContent(bytes("peer bytes"));
        assertThat(found).isEqualTo(persisted);
        assertThat(found.path()).isEqualTo(file.toRealPath());
        assertThat(Files.getLastModifiedTime(file).toInstant()).isEqualTo(IMAGE_TIME);
        assertThat(found.lastModified()).isEqualTo(IMAGE_TIME);
        assertThat(found.digest()).isEqualTo(Digest.of(bytes("peer bytes")));
        assertThat(index.hashes()).isZero();
        assertThat(filesIn(root.resolve("x/y"))).containsExactly("z.png");
    }

    @Test
    void persistReplacesAnExistingImage() throws IOException {
        Path existing = Files.createDirectories(root.resolve("x/y")).resolve("z.png");
        Files.write(existing, bytes("old bytes"));
        store.find(KEY);
        Path temp = writer.newTempFile(KEY);
        Files.write(temp, bytes("new bytes"));

        writer.persist(KEY, temp, IMAGE_TIME, Digest.of(bytes("new bytes")));

        assertThat(store.find(KEY).orElseThrow().digest()).isEqualTo(Digest.of(bytes("new bytes")));
        assertThat(existing).hasBinaryContent(bytes("new bytes"));
        assertThat(index.hashes()).isEqualTo(1);
    }

    @Test
    void tempFileIsHiddenInTheImagesDirectory() throws IOException {
        Path temp = writer.newTempFile(KEY);
        Files.write(temp, bytes("half written"));

        assertThat(temp.getParent()).isEqualTo(root.resolve("x/y").toRealPath());
        assertThat(temp.getFileName().toString()).startsWith(".z.png.").endsWith(".tmp");
        assertThat(store.find(KEY)).isEmpty();
        assertThat(RequestPaths.parse("/x/y/" + temp.getFileName()))
                .isInstanceOf(RequestPaths.Refused.class);
    }

    @Test
    void sweepDeletesOnlyTempFilesOlderThanTheGivenAge() throws IOException {
        Path stale = writerAt(NOW.minus(Duration.ofMinutes(20))).newTempFile(KEY);
        Path fresh = writerAt(NOW.minus(Duration.ofMinutes(1))).newTempFile(KEY);
        Path image = Files.write(root.resolve("x/y/z.png"), bytes("image"));
        Path notOurs = Files.write(root.resolve("x/.notes.tmp"), bytes("someone else's"));
        Path hiddenDirectory = Files.createDirectories(root.resolve(".git"));
        Path inHiddenDirectory = Files.createFile(hiddenDirectory.resolve(stale.getFileName()));

        int deleted = writer.removeStaleTempFiles(Duration.ofMinutes(10));

        assertThat(deleted).isEqualTo(1);
        assertThat(stale).doesNotExist();
        assertThat(fresh).exists();
        assertThat(image).exists();
        assertThat(notOurs).exists();
        assertThat(inHiddenDirectory).exists();
    }

    @Test
    void sweepJudgesAgeByNameNotByTheBackDatedModificationTime() throws IOException {
        Path temp = writer.newTempFile(KEY);
        Files.setLastModifiedTime(temp, FileTime.from(IMAGE_TIME));

        assertThat(writer.removeStaleTempFiles(Duration.ofMinutes(10))).isZero();
        assertThat(temp).exists();
    }

    @Test
    void persistRefusesATempFileFromAnotherDirectoryAndDeletesIt() throws IOException {
        Path elsewhere = writer.newTempFile(StoreKey.of("other/z.png"));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> writer.persist(KEY, elsewhere, IMAGE_TIME, Digest.of(new byte[0])));
        assertThat(elsewhere).doesNotExist();
        assertThat(root.resolve("x/y/z.png")).doesNotExist();
    }

    @Test
    void persistLeavesFilesThatAreNotTempFilesAlone() throws IOException {
        Path image = Files.write(Files.createDirectories(root.resolve("x/y")).resolve("a.png"), bytes("a"));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> writer.persist(KEY, image, IMAGE_TIME, Digest.of(bytes("a"))));
        assertThat(image).exists();
    }

    @Test
    void failedPersistDeletesTheTempFile() throws IOException {
        Path temp = writer.newTempFile(KEY);
        Files.createFile(Files.createDirectories(root.resolve("x/y/z.png")).resolve("occupied"));

        assertThatIOException()
                .isThrownBy(() -> writer.persist(KEY, temp, IMAGE_TIME, Digest.of(new byte[0])));
        assertThat(temp).doesNotExist();
    }

    @Test
    void neverWritesThroughALinkLeavingTheStore() throws IOException {
        Path outside = Files.createDirectories(base.resolve("outside"));
        Files.createSymbolicLink(root.resolve("escape"), outside);

        assertThatIOException().isThrownBy(() -> writer.newTempFile(StoreKey.of("escape/a/b.png")));
        assertThat(filesIn(outside)).isEmpty();
    }

    @Test
    void neverWritesThroughALinkToAHiddenDirectory() throws IOException {
        Files.createDirectories(root.resolve(".private"));
        Files.createSymbolicLink(root.resolve("public"), root.resolve(".private"));

        assertThatIOException().isThrownBy(() -> writer.newTempFile(StoreKey.of("public/b.png")));
    }

    @Test
    void writesThroughALinkedDirectoryInsideTheStore() throws IOException {
        Files.createDirectories(root.resolve("real"));
        Files.createSymbolicLink(root.resolve("alias"), root.resolve("real"));
        StoreKey key = StoreKey.of("alias/b.png");
        Path temp = writer.newTempFile(key);
        Files.write(temp, bytes("b"));

        writer.persist(key, temp, IMAGE_TIME, Digest.of(bytes("b")));

        assertThat(root.resolve("real/b.png")).hasBinaryContent(bytes("b"));
        assertThat(store.find(key).orElseThrow().digest()).isEqualTo(Digest.of(bytes("b")));
        assertThat(index.hashes()).isZero();
    }

    private AtomicFileWriter writerAt(Instant now) {
        return new AtomicFileWriter(store, Clock.fixed(now, ZoneOffset.UTC));
    }

    private static String[] filesIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).toArray(String[]::new);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
