package io.pixmesh.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The SHA-256 digest of an image's bytes: 32 bytes, immutable, compared by value.
 * Equal bytes give an equal digest wherever and whenever they are hashed, which is what
 * lets every node derive the same entity tag for the same image.
 */
public final class Digest {

    /** Length of a SHA-256 digest in bytes. */
    public static final int LENGTH = 32;

    private static final int READ_BUFFER_BYTES = 64 * 1024;

    private final byte[] bytes;

    private Digest(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Hashes {@code content}. */
    public static Digest of(byte[] content) {
        return new Digest(sha256().digest(content));
    }

    /**
     * Wraps a digest computed elsewhere.
     *
     * @throws IllegalArgumentException unless {@code sha256} holds exactly 32 bytes
     */
    public static Digest fromBytes(byte[] sha256) {
        if (sha256.length != LENGTH) {
            throw new IllegalArgumentException(
                    "SHA-256 digest must be " + LENGTH + " bytes, not " + sha256.length);
        }
        return new Digest(sha256.clone());
    }

    /**
     * Hashes a file's content as it reads it, in constant memory whatever the file's size.
     */
    public static Digest ofFile(Path file) throws IOException {
        MessageDigest sha256 = sha256();
        ByteBuffer buffer = ByteBuffer.allocate(READ_BUFFER_BYTES);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                sha256.update(buffer);
                buffer.clear();
            }
        }
        return new Digest(sha256.digest());
    }

    /** A copy of the 32 digest bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Lower-case hexadecimal, 64 characters. */
    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    /** Standard padded base64, as {@code Repr-Digest: sha-256=:…:} carries it. */
    public String base64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /**
     * Unpadded base64url of the first {@code count} bytes; short enough for an entity tag,
     * and free of characters that need quoting in headers or URLs.
     *
     * @throws IllegalArgumentException unless {@code 1 <= count <= 32}
     */
    public String base64UrlPrefix(int count) {
        if (count < 1 || count > LENGTH) {
            throw new IllegalArgumentException("prefix must be 1 to " + LENGTH + " bytes: " + count);
        }
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(Arrays.copyOf(bytes, count));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Digest && Arrays.equals(((Digest) other).bytes, bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "sha-256:" + hex();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
