package io.pixmesh.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageStoreTest {

    /** One temporary tree, so links between root and outside stay inside it. */
    @TempDir
    Path base;

    private Path root;
    private Path outside;
    private DigestIndex index;
    private ImageStore store;

    @BeforeEach
    void openStore() throws IOException {
        root = Files.createDirectories(base.resolve("images"));
        outside = Files.createDirectories(base.resolve("outside"));
        index = DigestIndex.open(base.resolve("index"));
        store = new ImageStore(root, index);
    }

    @AfterEach
    void closeIndex() {
        index.close();
    }

    @Test
    void findsARegularFileWithItsAttributesAndDigest() throws IOException {
        Path file = write(root.resolve("a/b/c.png"), "png bytes");
        Instant time = Instant.parse("2024-05-01T10:15:30.123456789Z");
        Files.setLastModifiedTime(file, FileTime.from(time));

        StoredImage image = store.find(key("a/b/c.png")).orElseThrow();

        assertThat(image.key()).isEqualTo(key("a/b/c.png"));
        assertThat(image.path()).isEqualTo(file.toRealPath());
        assertThat(image.size()).isEqualTo(9);
        assertThat(image.lastModified()).isEqualTo(Files.getLastModifiedTime(file).toInstant());
        assertThat(image.digest()).isEqualTo(Digest.of(bytes("png bytes")));
    }

    @Test
    void secondFindTakesTheDigestFromTheIndex() throws IOException {
        write(root.resolve("a.png"), "png bytes");

        store.find(key("a.png"));
        store.find(key("a.png"));

        assertThat(index.hashes()).isEqualTo(1);
        assertThat(index.hits()).isEqualTo(1);
    }

    @Test
    void missingFileIsAbsent() throws IOException {
        assertThat(store.find(key("nothing.png"))).isEmpty();
        assertThat(store.find(key("no/such/dir.png"))).isEmpty();
    }

    @Test
    void directoryIsAbsent() throws IOException {
        Files.createDirectories(root.resolve("dir.png"));

        assertThat(store.find(key("dir.png"))).isEmpty();
    }

    @Test
    void fileUsedAsADirectoryIsAbsent() throws IOException {
        write(root.resolve("a.png"), "png bytes");

        assertThat(store.find(key("a.png/b.png"))).isEmpty();
    }

    @Test
    void linkToAFileInsideTheRootIsServedAsItsTarget() throws IOException {
        Path target = write(root.resolve("real/c.png"), "png bytes");
        Files.createSymbolicLink(root.resolve("alias.png"), Path.of("real/c.png"));

        StoredImage image = store.find(key("alias.png")).orElseThrow();

        assertThat(image.path()).isEqualTo(target.toRealPath());
        assertThat(image.digest()).isEqualTo(Digest.of(bytes("png bytes")));
    }

    @Test
    void linkedDirectoryInsideTheRootIsServed() throws IOException {
        write(root.resolve("real/c.png"), "png bytes");
        Files.createSymbolicLink(root.resolve("alias"), root.resolve("real"));

        assertThat(store.find(key("alias/c.png"))).isPresent();
    }

    @Test
    void linkToAFileOutsideTheRootIsRefused() throws IOException {
        Path secret = write(outside.resolve("secret.png"), "not yours");
        Files.createSymbolicLink(root.resolve("escape.png"), secret);

        assertThat(store.find(key("escape.png"))).isEmpty();
    }

    @Test
    void linkedDirectoryLeadingOutsideTheRootIsRefused() throws IOException {
        write(outside.resolve("secret.png"), "not yours");
        Files.createSymbolicLink(root.resolve("escape"), outside);

        assertThat(store.find(key("escape/secret.png"))).isEmpty();
    }

    @Test
    void relativeLinkClimbingOutOfTheRootIsRefused() throws IOException {
        write(outside.resolve("secret.png"), "not yours");
        Path climb = root.relativize(outside.resolve("secret.png"));
        Files.createSymbolicLink(root.resolve("climb.png"), climb);

        assertThat(store.find(key("climb.png"))).isEmpty();
    }

    @Test
    void linkToAHiddenFileInsideTheRootIsRefused() throws IOException {
        write(root.resolve("a/.b.png.5f3a-0123456789abcdef.tmp"), "half written");
        Files.createSymbolicLink(root.resolve("a/b.png"), Path.of(".b.png.5f3a-0123456789abcdef.tmp"));

        assertThat(store.find(key("a/b.png"))).isEmpty();
    }

    @Test
    void danglingLinkAndLinkLoopAreAbsent() throws IOException {
        Files.createSymbolicLink(root.resolve("dangling.png"), Path.of("gone.png"));
        Files.createSymbolicLink(root.resolve("loop1.png"), Path.of("loop2.png"));
        Files.createSymbolicLink(root.resolve("loop2.png"), Path.of("loop1.png"));

        assertThat(store.find(key("dangling.png"))).isEmpty();
        assertThat(store.find(key("loop1.png"))).isEmpty();
    }

    @Test
    void sameBytesWithDifferentTimesHaveTheSameDigest() throws IOException {
        Path one = write(root.resolve("one.png"), "identical");
        Path two = write(root.resolve("two.png"), "identical");
        Files.setLastModifiedTime(one, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        Files.setLastModifiedTime(two, FileTime.from(Instant.parse("2024-01-01T00:00:00Z")));

        StoredImage first = store.find(key("one.png")).orElseThrow();
        StoredImage second = store.find(key("two.png")).orElseThrow();

        assertThat(first.lastModified()).isNotEqualTo(second.lastModified());
        assertThat(first.digest()).isEqualTo(second.digest());
    }

    @Test
    void replacedFileHasTheNewDigest() throws IOException {
        write(root.resolve("a.png"), "old");
        Digest old = store.find(key("a.png")).orElseThrow().digest();
        Path replacement = write(root.resolve(".a.png.new"), "new");
        Files.move(replacement, root.resolve("a.png"),
                StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

        Digest now = store.find(key("a.png")).orElseThrow().digest();

        assertThat(now).isNotEqualTo(old).isEqualTo(Digest.of(bytes("new")));
    }

    @Test
    void fileRewrittenInPlaceHasTheNewDigest() throws IOException {
        write(root.resolve("a.png"), "first");
        store.find(key("a.png"));

        write(root.resolve("a.png"), "second, longer");

        assertThat(store.find(key("a.png")).orElseThrow().digest())
                .isEqualTo(Digest.of(bytes("second, longer")));
    }

    @Test
    void rootIsKeptAsItsRealPath() throws IOException {
        Path link = Files.createSymbolicLink(outside.resolve("images"), root);
        write(root.resolve("a.png"), "png bytes");

        ImageStore linked = new ImageStore(link, index);

        assertThat(linked.root()).isEqualTo(root.toRealPath());
        assertThat(linked.find(key("a.png"))).isPresent();
    }

    @Test
    void rootMayItselfLieBelowAHiddenDirectory() throws IOException {
        Path hiddenRoot = Files.createDirectories(outside.resolve(".site/images"));
        write(hiddenRoot.resolve("a.png"), "png bytes");

        assertThat(new ImageStore(hiddenRoot, index).find(key("a.png"))).isPresent();
    }

    @Test
    void rootMustBeAnExistingDirectory() throws IOException {
        Path file = write(outside.resolve("file"), "not a directory");

        assertThatIOException().isThrownBy(() -> new ImageStore(outside.resolve("missing"), index));
        assertThatIllegalArgumentException().isThrownBy(() -> new ImageStore(file, index));
    }

    @Test
    void isReadableUntilTheRootGoesAway() throws IOException {
        Path doomed = Files.createDirectories(outside.resolve("doomed"));
        ImageStore doomedStore = new ImageStore(doomed, index);
        assertThat(doomedStore.isReadable()).isTrue();

        Files.delete(doomed);

        assertThat(doomedStore.isReadable()).isFalse();
        assertThat(doomedStore.find(key("a.png"))).isEmpty();
    }

    private static StoreKey key(String value) {
        return StoreKey.of(value);
    }

    private static Path write(Path path, String content) throws IOException {
        Files.createDirectories(path.getParent());
        return Files.write(path, bytes(content));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
