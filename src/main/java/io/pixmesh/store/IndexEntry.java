package io.pixmesh.store;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the digest index remembers about one file: the digest, and the attributes that
 * tell whether the file is still the one that was hashed.
 *
 * @param fileKey the file system's identity of the file (device and inode on Linux), or
 *     {@code null} where the file system has none
 */
record IndexEntry(long size, FileTime lastModified, String fileKey, Digest digest) {

    /** Changes whenever the encoding does; entries in another format count as absent. */
    private static final byte FORMAT = 1;

    static IndexEntry of(BasicFileAttributes attributes, Digest digest) {
        return new IndexEntry(attributes.size(), attributes.lastModifiedTime(),
                identityOf(attributes), digest);
    }

    /**
     * Whether a file with these attributes is taken to hold the bytes that were hashed.
     * Identity catches a file replaced by rename with equal size and time; where there is
     * no identity, size and time alone decide.
     */
    boolean matches(BasicFileAttributes attributes) {
        return size == attributes.size()
                && lastModified.equals(attributes.lastModifiedTime())
                && Objects.equals(fileKey, identityOf(attributes));
    }

    byte[] encode() {
        Instant time = lastModified.toInstant();
        byte[] identity = fileKey == null ? null : fileKey.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(1 + 8 + 8 + 4 + Digest.LENGTH + 4
                + (identity == null ? 0 : identity.length));
        out.put(FORMAT).putLong(size).putLong(time.getEpochSecond()).putInt(time.getNano())
                .put(digest.bytes());
        if (identity == null) {
            out.putInt(-1);
        } else {
            out.putInt(identity.length).put(identity);
        }
        return out.array();
    }

    /** The entry {@code bytes} encode, or nothing if they are not one in this format. */
    static Optional<IndexEntry> decode(byte[] bytes) {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            if (in.get() != FORMAT) {
                return Optional.empty();
            }
            long size = in.getLong();
            FileTime time = FileTime.from(Instant.ofEpochSecond(in.getLong(), in.getInt()));
            byte[] digest = new byte[Digest.LENGTH];
            in.get(digest);
            int identityLength = in.getInt();
            String identity;
            if (identityLength == -1 && !in.hasRemaining()) {
                identity = null;
            } else if (identityLength == in.remaining()) {
                identity = StandardCharsets.UTF_8.decode(in).toString();
            } else {
                return Optional.empty();
            }
            return Optional.of(new IndexEntry(size, time, identity, Digest.fromBytes(digest)));
        } catch (BufferUnderflowException | DateTimeException e) {
            return Optional.empty();
        }
    }

    private static String identityOf(BasicFileAttributes attributes) {
        Object key = attributes.fileKey();
        return key == null ? null : key.toString();
    }
}
