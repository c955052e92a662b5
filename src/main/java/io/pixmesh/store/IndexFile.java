package io.pixmesh.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.StringDataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The digest index's entries, kept in an H2 MVStore file so they outlive a restart.
 *
 * <p>Every entry can be rebuilt by hashing its file, so this file is a cache, not a
 * record, and it never stops the node from serving: a corrupt file at start-up is set
 * aside and replaced by an empty one, and a store that fails later (a full disk, say)
 * just turns lookups into misses.
 *
 * <p>Durability: MVStore's auto-commit writes changes in the background about a second
 * after they are made, and {@link #close} writes the rest. A crash therefore loses at most
 * the last second or so of entries, whose files are simply hashed again.
 */
final class IndexFile implements Closeable {

    private static final String FILE_NAME = "digest-index.mv.db";
    private static final String SET_ASIDE_NAME = FILE_NAME + ".corrupt";

    private static final Logger log = LoggerFactory.getLogger(IndexFile.class);
    private static final String MAP_NAME = "digests";

    private final MVStore store;
    private final MVMap<String, byte[]> entries;
    private final AtomicBoolean failing = new AtomicBoolean();

    private IndexFile(MVStore store, MVMap<String, byte[]> entries) {
        this.store = store;
        this.entries = entries;
    }

    /**
     * Opens {@code <dir>/digest-index.mv.db}, creating the directory and file as needed.
     *
     * @throws IOException if the directory cannot be created, the file is in use by another
     *     process, or no index file can be created in its place
     */
    static IndexFile open(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE_NAME);
        try {
            return openFile(file);
        } catch (RuntimeException e) {
            if (e instanceof MVStoreException
                    && ((MVStoreException) e).getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
                throw new IOException("digest index is in use by another process: " + file, e);
            }
            Path aside = dir.resolve(SET_ASIDE_NAME);
            log.warn("Digest index {} is unreadable, moving it to {} and starting empty: {}",
                    file, aside, e.toString());
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
        }
        try {
            return openFile(file);
        } catch (RuntimeException e) {
            throw new IOException("cannot create digest index " + file, e);
        }
    }

    private static IndexFile openFile(Path file) {
        // MVStore reports failures during open() to this handler too; those also reach our
        // caller as exceptions, so only later ones (background writes) deserve a warning.
        AtomicBoolean opened = new AtomicBoolean();
        MVStore store = new MVStore.Builder()
                .fileName(file.toString())
                .backgroundExceptionHandler((thread, e) -> {
                    if (opened.get()) {
                        log.warn("Digest index {} failed to write in the background", file, e);
                    } else {
                        log.debug("Digest index {} failed while opening", file, e);
                    }
                })
                .open();
        opened.set(true);
        try {
            MVMap<String, byte[]> entries = store.openMap(MAP_NAME, new MVMap.Builder<String, byte[]>()
                    .keyType(StringDataType.INSTANCE)
                    .valueType(ByteArrayDataType.INSTANCE));
            return new IndexFile(store, entries);
        } catch (RuntimeException e) {
            store.closeImmediately();
            throw e;
        }
    }

    /** The entry for {@code key}, or nothing if there is none or it cannot be read. */
    Optional<IndexEntry> get(StoreKey key) {
        return guarded(() -> Optional.ofNullable(entries.get(key.value())), Optional.<byte[]>empty())
                .flatMap(IndexEntry::decode);
    }

    void put(StoreKey key, IndexEntry entry) {
        guarded(() -> entries.put(key.value(), entry.encode()), null);
    }

    void remove(StoreKey key) {
        guarded(() -> entries.remove(key.value()), null);
    }

    /** How many files the index knows (0 while it is failing). */
    long size() {
        return guarded(entries::sizeAsLong, 0L);
    }

    /** Writes what is not yet written and closes the file. */
    @Override
    public void close() {
        store.close();
    }

    private <T> T guarded(Supplier<T> operation, T fallback) {
        try {
            return operation.get();
        } catch (MVStoreException e) {
            // Warn once, not once per request, while the store stays broken.
            if (failing.compareAndSet(false, true)) {
                log.warn("Digest index failing; files will be hashed instead", e);
            } else {
                log.debug("Digest index still failing", e);
            }
            return fallback;
        }
    }
}
