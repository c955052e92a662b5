package io.pixmesh.store;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The images in one local directory, found by key.
 *
 * <p>Guarantees of {@link #find}: it answers only regular files whose real path, symbolic
 * links followed, lies inside the real root, and whose every name below the root passes
 * the same rules as a {@link StoreKey}; so a link can neither leave the store nor reach a
 * hidden file (such as a half-written temp file) that could not be asked for directly.
 * Anything else, including a missing file, is simply absent.
 *
 * <p>Safe for use by many threads.
 */
public final class ImageStore {

    private static final Logger log = LoggerFactory.getLogger(ImageStore.class);

    private final Path root;
    private final DigestIndex index;

    /**
     * @param root an existing, readable directory; symbolic links in it are resolved once,
     *     here, and the real path kept
     * @param index where digests of this store's files are kept
     * @throws IOException if {@code root} does not exist or cannot be resolved
     * @throws IllegalArgumentException if {@code root} is not a readable directory
     */
    public ImageStore(Path root, DigestIndex index) throws IOException {
        this.root = root.toRealPath();
        this.index = index;
        if (!isReadable()) {
            throw new IllegalArgumentException("image store is not a readable directory: " + root);
        }
    }

    /**
     * Finds the image named {@code key}: reads its attributes once and takes its digest from
     * the index, hashing the file only if the index has no digest for this version of it.
     *
     * @return the image, or nothing if no servable regular file has that name
     * @throws IOException if the file exists but cannot be read
     */
    public Optional<StoredImage> find(StoreKey key) throws IOException {
        try {
            Optional<Path> file = realFile(key);
            if (file.isEmpty()) {
                return Optional.empty();
            }
            BasicFileAttributes attributes = Files.readAttributes(file.get(), BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                return Optional.empty();
            }
            Digest digest = index.digestOf(key, file.get(), attributes);
            return Optional.of(new StoredImage(key, file.get(), attributes.size(),
                    attributes.lastModifiedTime().toInstant(), digest));
        } catch (NoSuchFileException e) {
            // Deleted while we looked: as absent as if it had never been there.
            return Optional.empty();
        }
    }

    /**
     * Deletes the image named {@code key}, if this store serves one by that name, and forgets
     * its digest. Only what {@link #find} would serve can be deleted: a symlink leaving the
     * store, or a hidden file, is never touched.
     *
     * @return whether a file was deleted
     * @throws IOException if the file exists but cannot be deleted
     */
    public boolean delete(StoreKey key) throws IOException {
        Optional<Path> file = realFile(key);
        boolean deleted = file.isPresent() && Files.isRegularFile(file.get()) && Files.deleteIfExists(file.get());
        index.forget(key);
        return deleted;
    }

    /** Whether the root is still a directory this process can list and read from. */
    public boolean isReadable() {
        return Files.isDirectory(root) && Files.isReadable(root) && Files.isExecutable(root);
    }

    /** The real path of the root directory. */
    public Path root() {
        return root;
    }

    DigestIndex index() {
        return index;
    }

    private Optional<Path> realFile(StoreKey key) throws IOException {
        Path candidate = key.resolveAgainst(root);
        Path real;
        try {
            real = candidate.toRealPath();
        } catch (FileSystemException e) {
            // A file used as a directory, a link loop, a name too long: nothing by that name
            // can exist. Denied access is a misconfiguration to report, not an absence.
            if (e instanceof AccessDeniedException || Files.exists(candidate)) {
                throw e;
            }
            return Optional.empty();
        }
        if (!isServable(real)) {
            log.debug("Refusing {}: its real path {} is outside the store or hidden", key, real);
            return Optional.empty();
        }
        return Optional.of(real);
    }

    /**
     * Whether a real path lies inside the root and every name below the root could be a
     * key's; {@link AtomicFileWriter} writes only where this holds, so what it writes can
     * be found.
     */
    boolean isServable(Path real) {
        if (!real.startsWith(root)) {
            return false;
        }
        Path relative = root.relativize(real);
        for (int i = 0; i < relative.getNameCount(); i++) {
            if (Segments.refusal(relative.getName(i).toString(), i == 0).isPresent()) {
                return false;
            }
        }
        return true;
    }
}
