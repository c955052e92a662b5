package io.pixmesh.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * A fresh image directory and state directory for one test class, under {@code target/}, so
 * that a failed run leaves its evidence behind for inspection.
 */
public final class TestStore {

    private final Path store;
    private final Path cache;

    private TestStore(Path root) {
        this.store = root.resolve("store");
        this.cache = root.resolve("cache");
    }

    /** Creates (emptying first) {@code target/it/<name>/store} and {@code .../cache}. */
    public static TestStore create(String name) {
        TestStore dirs = new TestStore(Path.of("target", "it", name).toAbsolutePath());
        try {
            deleteTree(dirs.store.getParent());
            Files.createDirectories(dirs.store);
            Files.createDirectories(dirs.cache);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dirs;
    }

    public Path store() {
        return store;
    }

    public Path cache() {
        return cache;
    }

    /** Writes {@code bytes} at {@code relative} under the store, creating directories. */
    public Path write(String relative, byte[] bytes) {
        try {
            Path file = store.resolve(relative);
            Files.createDirectories(file.getParent());
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deterministic pseudo-random content: the same seed always gives the same bytes. */
    public static byte[] bytes(int length, long seed) {
        byte[] data = new byte[length];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < length; i++) {
            data[i] = (byte) random.nextInt(256);
        }
        return data;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
