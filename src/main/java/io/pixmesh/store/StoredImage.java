package io.pixmesh.store;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * An image file found in a store, as it was when found.
 *
 * @param key the name it was asked for by
 * @param path its real path, symbolic links resolved, inside the store's root
 * @param size its length in bytes
 * @param lastModified its modification time, as precise as the file system keeps it
 * @param digest the SHA-256 of its bytes
 */
public record StoredImage(StoreKey key, Path path, long size, Instant lastModified, Digest digest) {

    public StoredImage {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(lastModified, "lastModified");
        Objects.requireNonNull(digest, "digest");
    }
}
