package io.pixmesh.serve;

import io.pixmesh.testing.TestStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

/** The files every HTTP suite serves, with the values a correct server must derive from them. */
final class ImageFixtures {

    static final byte[] SMALL = TestStore.bytes(1000, 1);
    static final byte[] PHOTO = TestStore.bytes(20_000, 2);
    static final byte[] BIG = TestStore.bytes(5 * 1024 * 1024 + 123, 3);
    static final byte[] SVG = ("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script>"
            + "<circle r=\"4\"/></svg>").getBytes(StandardCharsets.UTF_8);
    static final Instant SMALL_MTIME = Instant.parse("2024-03-01T10:15:30.250Z");

    private ImageFixtures() {
    }

    /** Lays the fixture files out in a fresh store named {@code name}. */
    static TestStore create(String name) {
        TestStore store = TestStore.create(name);
        try {
            Files.setLastModifiedTime(store.write("small.png", SMALL), FileTime.from(SMALL_MTIME));
            Files.setLastModifiedTime(store.write("same-bytes.png", SMALL), FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
            store.write("gallery/photo.jpg", PHOTO);
            store.write("big.jpg", BIG);
            store.write("icon.svg", SVG);
            store.write("logo.0123abcd.png", SMALL);
            store.write("empty.gif", new byte[0]);
            store.write("caf\u00e9.png", SMALL);
            store.write("notes.txt", "not an image".getBytes(StandardCharsets.UTF_8));
            store.write("page.html", "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8));
            store.write(".hidden.png", SMALL);
            store.write(".private/secret.png", SMALL);
            store.write("WEB-INF/x.png", SMALL);
            Files.createDirectories(store.store().resolve("folder.png"));
            Path outside = store.store().resolveSibling("outside");
            Files.createDirectories(outside);
            Files.write(outside.resolve("secret.png"), SMALL);
            Files.createSymbolicLink(store.store().resolve("inside-link.png"), store.store().resolve("small.png"));
            Files.createSymbolicLink(store.store().resolve("outside-link.png"), outside.resolve("secret.png"));
            Files.createSymbolicLink(store.store().resolve("outside-dir"), outside);
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The entity tag a correct server gives {@code content}: base64url of 16 bytes of SHA-256. */
    static String etagOf(byte[] content) {
        return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(sha256(content), 16)) + "\"";
    }

    static String reprDigestOf(byte[] content) {
        return "sha-256=:" + Base64.getEncoder().encodeToString(sha256(content)) + ":";
    }

    static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
