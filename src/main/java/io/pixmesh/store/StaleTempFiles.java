package io.pixmesh.store;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sweep of a store that deletes the temp files created before a given time. Hidden
 * directories are skipped, as nothing is written into them; links are not followed; an
 * unreadable corner below the root is skipped with a warning, and only an unreadable root
 * fails the sweep.
 */
final class StaleTempFiles extends SimpleFileVisitor<Path> {

    private static final Logger log = LoggerFactory.getLogger(StaleTempFiles.class);

    private final Path root;
    private final long createdBeforeMillis;
    private int deleted;

    private StaleTempFiles(Path root, long createdBeforeMillis) {
        this.root = root;
        this.createdBeforeMillis = createdBeforeMillis;
    }

    /**
     * Deletes the temp files below {@code root} created before {@code createdBeforeMillis}.
     *
     * @return how many were deleted
     * @throws IOException if {@code root} cannot be read
     */
    static int remove(Path root, long createdBeforeMillis) throws IOException {
        StaleTempFiles sweep = new StaleTempFiles(root, createdBeforeMillis);
        Files.walkFileTree(root, sweep);
        return sweep.deleted;
    }

    @Override
    public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
        return directory.equals(root) || !directory.getFileName().toString().startsWith(".")
                ? FileVisitResult.CONTINUE
                : FileVisitResult.SKIP_SUBTREE;
    }

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
        OptionalLong created = TempFileName.createdMillis(file.getFileName().toString());
        if (attributes.isRegularFile() && created.isPresent()
                && created.getAsLong() < createdBeforeMillis) {
            delete(file);
        }
        return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        if (file.equals(root)) {
            throw e;
        }
        log.warn("Cannot look for stale temp files in {}", file, e);
        return FileVisitResult.CONTINUE;
    }

    private void delete(Path file) {
        try {
            if (Files.deleteIfExists(file)) {
                deleted++;
                log.info("Deleted stale temp file {}", file);
            }
        } catch (IOException e) {
            log.warn("Cannot delete stale temp file {}", file, e);
        }
    }
}
