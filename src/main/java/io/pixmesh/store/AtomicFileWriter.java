package io.pixmesh.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts images into a store so that readers see either the old file or the complete new
 * one, correctly dated and already indexed, and never a partial file.
 *
 * <p>Use: write the bytes into {@link #newTempFile}, then {@link #persist} it. A temp file
 * is hidden, so {@link ImageStore#find} never answers it, even when a crash leaves it
 * behind; {@link #removeStaleTempFiles} clears such leftovers. Writes never go through a
 * link that leaves the store or leads to a hidden directory. Safe for use by many threads;
 * concurrent persists of one key leave one of the images in place, whole.
 */
public final class AtomicFileWriter {

    private static final Logger log = LoggerFactory.getLogger(AtomicFileWriter.class);

    private final ImageStore store;
    private final Clock clock;

    /**
     * @param clock dates temp files, which {@link #removeStaleTempFiles} judges by
     */
    public AtomicFileWriter(ImageStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Creates an empty hidden temp file in the directory where {@code key}'s image belongs,
     * creating that directory and its parents as needed.
     *
     * @throws IOException if the directory cannot be created, or a link on the way leaves
     *     the store or leads to a hidden directory
     */
    public Path newTempFile(StoreKey key) throws IOException {
        Path directory = directoryFor(key);
        return Files.createFile(
                directory.resolve(TempFileName.forImage(key.fileName(), clock.millis())));
    }

    /**
     * Makes {@code tempFile}'s bytes the image named {@code key}, replacing any file there,
     * and records {@code digest} in the index without hashing. This takes the temp file
     * over: afterwards it is gone, whether this succeeded or failed.
     *
     * @param tempFile from {@link #newTempFile} for this key, fully written and closed
     * @param lastModified the image's modification time, set on the file
     * @param digest the SHA-256 of {@code tempFile}'s bytes, trusted as given
     * @throws IllegalArgumentException if {@code tempFile} is not named as one from
     *     {@link #newTempFile} (it is then left alone), or is not in {@code key}'s directory
     * @throws IOException if the image could not be put in place
     */
    public StoredImage persist(StoreKey key, Path tempFile, Instant lastModified, Digest digest)
            throws IOException {
        if (TempFileName.createdMillis(tempFile.getFileName().toString()).isEmpty()) {
            throw new IllegalArgumentException("not a temp file from newTempFile: " + tempFile);
        }
        try {
            Path directory = directoryFor(key);
            if (!directory.equals(tempFile.toRealPath().getParent())) {
                throw new IllegalArgumentException(
                        "temp file " + tempFile + " is not in " + key + "'s directory " + directory);
            }
            return moveIntoPlace(key, tempFile, directory, lastModified, digest);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(tempFile, e);
            throw e;
        }
    }

    /**
     * Deletes temp files created more than {@code minimumAge} ago: leftovers of writes that
     * died, as long as the age exceeds the longest write (peer fetches time out far sooner).
     * Meant for start-up, yet safe at any time; an age rather than all, because other nodes
     * may share the directory and be writing. Hidden directories are not entered, since
     * nothing is written into them, and links are not followed.
     *
     * @return how many files were deleted
     * @throws IOException if the root cannot be read; unreadable parts below it are skipped
     */
    public int removeStaleTempFiles(Duration minimumAge) throws IOException {
        return StaleTempFiles.remove(store.root(), clock.millis() - minimumAge.toMillis());
    }

    private StoredImage moveIntoPlace(StoreKey key, Path tempFile, Path directory,
            Instant lastModified, Digest digest) throws IOException {
        // Time and index entry are set before the move: a rename keeps size, time and
        // identity, so the image is dated and indexed from the instant it appears.
        Files.setLastModifiedTime(tempFile, FileTime.from(lastModified));
        try (FileChannel channel = FileChannel.open(tempFile, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        BasicFileAttributes attributes = Files.readAttributes(tempFile, BasicFileAttributes.class);
        store.index().learn(key, attributes, digest);
        Path target = directory.resolve(key.fileName());
        Files.move(tempFile, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(directory);
        return new StoredImage(key, target, attributes.size(),
                attributes.lastModifiedTime().toInstant(), digest);
    }

    /** The real directory {@code key}'s image belongs in, created one level at a time. */
    private Path directoryFor(StoreKey key) throws IOException {
        Path directory = store.root();
        String[] segments = key.value().split("/");
        for (int i = 0; i < segments.length - 1; i++) {
            Path next = Files.createDirectories(directory.resolve(segments[i])).toRealPath();
            if (!store.isServable(next)) {
                throw new IOException("not writing " + key + " through " + next
                        + ": it is outside the store or hidden");
            }
            directory = next;
        }
        return directory;
    }

    /** Makes the rename itself durable, where the platform lets a directory be synced. */
    private static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            log.debug("Cannot sync directory {}; the rename is durable once the OS writes it", directory, e);
        }
    }

    private static void deleteQuietly(Path tempFile, Exception failure) {
        try {
            Files.deleteIfExists(tempFile);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
