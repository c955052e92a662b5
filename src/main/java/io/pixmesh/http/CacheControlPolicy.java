package io.pixmesh.http;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which {@code Cache-Control} each kind of answer carries: the site's default for images,
 * a year and {@code immutable} for fingerprinted file names, a short negative TTL for 404, and
 * {@code no-store} for answers no cache should keep. Instances are immutable and thread-safe.
 */
public final class CacheControlPolicy {

    /** Fresh for a year and, being {@code immutable} (RFC 8246), never revalidated meanwhile. */
    private static final String IMMUTABLE_VALUE = "public, max-age=31536000, immutable";

    private final String defaultValue;
    private final Pattern immutableNamePattern;
    private final String notFoundValue;

    /**
     * @param defaultValue the Cache-Control of an image that is not fingerprinted
     * @param immutableNamePattern found (not matched whole) in an image's file name, marks it
     *     as fingerprinted
     * @param negativeTtlSeconds how long a 404 may be cached
     * @throws IllegalArgumentException if {@code defaultValue} is blank or holds a control or
     *     non-ASCII character, or {@code negativeTtlSeconds} is negative
     */
    public CacheControlPolicy(String defaultValue, Pattern immutableNamePattern,
            int negativeTtlSeconds) {
        if (defaultValue.isBlank() || !defaultValue.chars().allMatch(c -> c >= 0x20 && c < 0x7F)) {
            throw new IllegalArgumentException("not a usable Cache-Control value: " + defaultValue);
        }
        if (negativeTtlSeconds < 0) {
            throw new IllegalArgumentException("negative TTL: " + negativeTtlSeconds);
        }
        this.defaultValue = defaultValue;
        this.immutableNamePattern = Objects.requireNonNull(immutableNamePattern, "pattern");
        this.notFoundValue = "public, max-age=" + negativeTtlSeconds;
    }

    /**
     * The Cache-Control for the image with this key (a relative path): the default value, or
     * {@code public, max-age=31536000, immutable} when the pattern is found in the key's last
     * path segment.
     */
    public String forImage(String key) {
        String fileName = key.substring(key.lastIndexOf('/') + 1);
        return immutableNamePattern.matcher(fileName).find() ? IMMUTABLE_VALUE : defaultValue;
    }

    /** The Cache-Control for a 404: {@code public, max-age=<negative TTL>}. */
    public String forNotFound() {
        return notFoundValue;
    }
}
