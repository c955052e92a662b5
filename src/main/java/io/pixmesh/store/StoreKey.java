package io.pixmesh.store;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The name of an image in a store: a relative path such as {@code a/b/c.png}.
 *
 * <p>A key is never empty, has no leading or trailing slash, and each of its
 * {@code /}-separated segments passes the store's naming rules: no empty, {@code .} or
 * {@code ..} segments, no hidden names, no backslash, {@code %} or control characters, no
 * {@code WEB-INF}/{@code META-INF}, and no {@code -} as first segment. Resolving a key
 * against a directory therefore always names something inside that directory (symbolic
 * links aside, which {@link ImageStore} checks). Keys are immutable and compare by value.
 */
public final class StoreKey {

    private final String value;

    /** For callers that have already applied the naming rules to every segment. */
    StoreKey(String value) {
        this.value = value;
    }

    /**
     * Returns the key for a decoded relative path.
     *
     * @throws IllegalArgumentException if the path breaks a naming rule; the message says which
     */
    public static StoreKey of(String relativePath) {
        String[] segments = relativePath.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            Optional<String> refusal = Segments.refusal(segments[i], i == 0);
            if (refusal.isPresent()) {
                throw new IllegalArgumentException(
                        "not a store key: " + refusal.get() + ": " + relativePath);
            }
        }
        return new StoreKey(relativePath);
    }

    /** The relative path, segments separated by {@code /}. */
    public String value() {
        return value;
    }

    /** The last segment. */
    public String fileName() {
        return value.substring(value.lastIndexOf('/') + 1);
    }

    /** The path this key names under {@code root}; not checked against the file system. */
    public Path resolveAgainst(Path root) {
        return root.resolve(value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoreKey && ((StoreKey) other).value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
