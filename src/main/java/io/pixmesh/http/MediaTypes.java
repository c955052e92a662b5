package io.pixmesh.http;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The media type of an image file, from its extension. Pixmesh serves images only: a name
 * without one of these extensions has no media type and is not served.
 */
public final class MediaTypes {

    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("jpe", "image/jpeg"),
            Map.entry("png", "image/png"),
            Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"),
            Map.entry("avif", "image/avif"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("ico", "image/vnd.microsoft.icon"),
            Map.entry("bmp", "image/bmp"),
            Map.entry("tif", "image/tiff"),
            Map.entry("tiff", "image/tiff"),
            Map.entry("jxl", "image/jxl"));

    private MediaTypes() {
    }

    /**
     * The media type for the extension of a file name or relative path, case-insensitively;
     * empty when the last path segment has no extension (a leading dot, as in {@code .png},
     * starts a hidden name, not an extension) or an extension that is not an image's.
     */
    public static Optional<String> forFileName(String name) {
        int segment = name.lastIndexOf('/') + 1;
        int dot = name.lastIndexOf('.');
        if (dot <= segment) {
            return Optional.empty();
        }
        String extension = name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return Optional.ofNullable(BY_EXTENSION.get(extension));
    }
}
