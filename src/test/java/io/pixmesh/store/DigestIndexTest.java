package io.pixmesh.store;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigestIndexTest {

    private static final StoreKey KEY = StoreKey.of("a/b.png");

    @TempDir
    Path images;

    @TempDir
    Path indexDir;

    private DigestIndex index;
    private Path file;

    @BeforeEach
    void openIndex() throws IOException {
        index = DigestIndex.open(indexDir);
        file = Files.createDirectories(images.resolve("a")).resolve("b.png");
    }

    @AfterEach
    void closeIndex() {
        index.close();
    }

    @Test
    void hashesAFileOnceAndAnswersLaterLookupsFromTheIndex() throws IOException {
        write(file, "first version");

        Digest first = index.digestOf(KEY, file, attributes(file));
        Digest second = index.digestOf(KEY, file, attributes(file));

        assertThat(first).isEqualTo(second).isEqualTo(Digest.of(bytes("first version")));
        assertThat(index.hashes()).isEqualTo(1);
        assertThat(index.hits()).isEqualTo(1);
    }

    @Test
    void reopenedIndexReusesItsEntries() throws IOException {
        write(file, "kept across restarts");
        Digest before = index.digestOf(KEY, file, attributes(file));
        index.close();

        index = DigestIndex.open(indexDir);

        assertThat(index.digestOf(KEY, file, attributes(file))).isEqualTo(before);
        assertThat(index.hashes()).isZero();
        assertThat(index.hits()).isEqualTo(1);
    }

    @Test
    void changedSizeMeansHashingAgain() throws IOException {
        write(file, "short");
        index.digestOf(KEY, file, attributes(file));
        write(file, "rather longer");

        assertThat(index.digestOf(KEY, file, attributes(file)))
                .isEqualTo(Digest.of(bytes("rather longer")));
        assertThat(index.hashes()).isEqualTo(2);
    }

    @Test
    void changedModificationTimeMeansHashingAgain() throws IOException {
        write(file, "same bytes");
        Digest before = index.digestOf(KEY, file, attributes(file));
        Files.setLastModifiedTime(file, plusNanos(attributes(file).lastModifiedTime(), 1_000_000_000));

        assertThat(index.digestOf(KEY, file, attributes(file))).isEqualTo(before);
        assertThat(index.hashes()).isEqualTo(2);
    }

    @Test
    void modificationTimeIsComparedToTheNanosecond() throws IOException {
        write(file, "version 1");
        FileTime time = FileTime.from(Instant.parse("2024-05-01T10:15:30.000000100Z"));
        Files.setLastModifiedTime(file, time);
        assumeTrue(attributes(file).lastModifiedTime().equals(time), "file system keeps nanoseconds");
        index.digestOf(KEY, file, attributes(file));
        write(file, "version 2");
        Files.setLastModifiedTime(file, plusNanos(time, 1));

        assertThat(index.digestOf(KEY, file, attributes(file)))
                .isEqualTo(Digest.of(bytes("version 2")));
        assertThat(index.hashes()).isEqualTo(2);
    }

    @Test
    void fileReplacedByRenameWithEqualSizeAndTimeIsHashedAgain() throws IOException {
        write(file, "old bytes");
        BasicFileAttributes old = attributes(file);
        assumeTrue(old.fileKey() != null, "file system reports file identity");
        index.digestOf(KEY, file, old);
        Path replacement = write(images.resolve("a/.b.png.tmp"), "new bytes");
        Files.setLastModifiedTime(replacement, old.lastModifiedTime());
        Files.move(replacement, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        BasicFileAttributes now = attributes(file);
        assertThat(now.size()).isEqualTo(old.size());
        assertThat(now.lastModifiedTime()).isEqualTo(old.lastModifiedTime());

        assertThat(index.digestOf(KEY, file, now)).isEqualTo(Digest.of(bytes("new bytes")));
        assertThat(index.hashes()).isEqualTo(2);
    }

    @Test
    void digestIsNotRememberedWhenTheFileNoLongerHasTheGivenAttributes() throws IOException {
        write(file, "before");
        BasicFileAttributes stale = attributes(file);
        write(file, "after, and longer");

        index.digestOf(KEY, file, stale);
        index.digestOf(KEY, file, stale);

        assertThat(index.hashes()).isEqualTo(2);
        assertThat(index.hits()).isZero();
    }

    @Test
    void learnedDigestIsAnsweredWithoutHashing() throws IOException {
        write(file, "written by us");
        Digest digest = Digest.of(bytes("written by us"));

        index.learn(KEY, attributes(file), digest);

        assertThat(index.digestOf(KEY, file, attributes(file))).isEqualTo(digest);
        assertThat(index.hashes()).isZero();
    }

    @Test
    void forgottenKeyIsHashedAgain() throws IOException {
        write(file, "content");
        index.digestOf(KEY, file, attributes(file));

        index.forget(KEY);
        index.digestOf(KEY, file, attributes(file));

        assertThat(index.hashes()).isEqualTo(2);
    }

    @Test
    void concurrentLookupsOfOneFileHashItOnce() throws Exception {
        byte[] content = new byte[8 * 1024 * 1024];
        new Random(7).nextBytes(content);
        Files.write(file, content);
        BasicFileAttributes attributes = attributes(file);
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Digest>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<Digest> lookup = () -> {
                    start.await();
                    return index.digestOf(KEY, file, attributes);
                };
                results.add(pool.submit(lookup));
            }
            start.countDown();
            for (Future<Digest> result : results) {
                assertThat(result.get(30, SECONDS)).isEqualTo(Digest.of(content));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(index.hashes()).isEqualTo(1);
    }

    @Test
    void missingFileIsAnError() {
        assertThatIOException().isThrownBy(() -> index.digestOf(KEY, file, attributes(images)));
    }

    @Test
    void corruptIndexFileIsSetAsideAndTheIndexStartsEmpty() throws IOException {
        index.close();
        Path indexFile = indexDir.resolve("digest-index.mv.db");
        Files.write(indexFile, bytes("this is not an MVStore file ".repeat(300)));

        index = DigestIndex.open(indexDir);
        write(file, "content");

        assertThat(index.digestOf(KEY, file, attributes(file))).isEqualTo(Digest.of(bytes("content")));
        assertThat(index.hashes()).isEqualTo(1);
        assertThat(indexDir.resolve("digest-index.mv.db.corrupt")).exists();
    }

    @Test
    void indexInUseIsRefusedNotMistakenForCorrupt() throws IOException {
        write(file, "content");
        index.digestOf(KEY, file, attributes(file));

        assertThatIOException().isThrownBy(() -> DigestIndex.open(indexDir))
                .withMessageContaining("in use");
        assertThat(indexDir.resolve("digest-index.mv.db.corrupt")).doesNotExist();
        assertThat(index.digestOf(KEY, file, attributes(file))).isEqualTo(Digest.of(bytes("content")));
        assertThat(index.hits()).isEqualTo(1);
    }

    private static Path write(Path path, String content) throws IOException {
        return Files.write(path, bytes(content));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static BasicFileAttributes attributes(Path path) throws IOException {
        return Files.readAttributes(path, BasicFileAttributes.class);
    }

    private static FileTime plusNanos(FileTime time, long nanos) {
        return FileTime.from(time.toInstant().plusNanos(nanos));
    }
}
