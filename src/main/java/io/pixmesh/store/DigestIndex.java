package io.pixmesh.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * The SHA-256 digest of each file in a store, computed once per version of the file and
 * remembered across restarts in {@code <dir>/digest-index.mv.db}.
 *
 * <p>A remembered digest is used only while the file's size, last-modified time (to the
 * nanosecond, where the file system keeps it) and identity (device and inode on Linux)
 * are those it was computed for; otherwise the file is hashed again. Concurrent requests
 * for a key being hashed wait for that one hash instead of starting their own.
 *
 * <p>The index is only a cache of what hashing would say: it never fails a lookup because
 * of its own file, and losing that file costs only hashing time.
 * Safe for use by many threads; not to be used after {@link #close}.
 */
public final class DigestIndex implements Closeable {

    private final IndexFile entries;
    private final SingleFlight<StoreKey, Digest, IOException> hashing = new SingleFlight<>();
    private final LongAdder hashes = new LongAdder();
    private final LongAdder hits = new LongAdder();

    private DigestIndex(IndexFile entries) {
        this.entries = entries;
    }

    /**
     * Opens the index kept in {@code dir}, creating both as needed. An index file that
     * cannot be read is set aside as {@code digest-index.mv.db.corrupt}, with a warning, and
     * the index starts empty.
     *
     * @throws IOException if {@code dir} cannot be created or written, or another process
     *     has the index open
     */
    public static DigestIndex open(Path dir) throws IOException {
        return new DigestIndex(IndexFile.open(dir));
    }

    /**
     * Returns the digest of {@code file}, known to this index as {@code key}.
     *
     * @param attributes the file's attributes, read by the caller just before; the digest
     *     is remembered only if the file still has them once hashed, so a file that changes
     *     while it is read is hashed again next time
     * @throws IOException if the file must be hashed and cannot be read
     */
    public Digest digestOf(StoreKey key, Path file, BasicFileAttributes attributes)
            throws IOException {
        Optional<Digest> known = remembered(key, attributes);
        if (known.isPresent()) {
            return known.get();
        }
        return hashing.run(key, () -> {
            // Looked again: the hash we might have waited for has just been remembered.
            Optional<Digest> justHashed = remembered(key, attributes);
            return justHashed.isPresent() ? justHashed.get() : hash(key, file, attributes);
        });
    }

    /**
     * Remembers that the file known as {@code key}, while it has {@code attributes}, has
     * {@code digest}; for files whose bytes the caller has already hashed, such as those it
     * wrote itself. The digest is trusted, not checked.
     */
    public void learn(StoreKey key, BasicFileAttributes attributes, Digest digest) {
        entries.put(key, IndexEntry.of(attributes, digest));
    }

    /** Forgets {@code key}; its file will be hashed on next use. */
    public void forget(StoreKey key) {
        entries.remove(key);
    }

    /** How many files this index has hashed since it was opened. */
    /** How many files the index holds a digest for. */
    public long size() {
        return entries.size();
    }

    public long hashes() {
        return hashes.sum();
    }

    /** How many digests this index has answered from memory, without hashing. */
    public long hits() {
        return hits.sum();
    }

    /** Writes what is not yet written and closes the index file. */
    @Override
    public void close() {
        entries.close();
    }

    private Optional<Digest> remembered(StoreKey key, BasicFileAttributes attributes) {
        Optional<Digest> digest = entries.get(key)
                .filter(entry -> entry.matches(attributes))
                .map(IndexEntry::digest);
        if (digest.isPresent()) {
            hits.increment();
        }
        return digest;
    }

    private Digest hash(StoreKey key, Path file, BasicFileAttributes attributes)
            throws IOException {
        Digest digest = Digest.ofFile(file);
        hashes.increment();
        IndexEntry entry = IndexEntry.of(attributes, digest);
        if (entry.matches(Files.readAttributes(file, BasicFileAttributes.class))) {
            entries.put(key, entry);
        }
        return digest;
    }
}
