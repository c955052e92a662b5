package io.pixmesh.store;

import java.util.HexFormat;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names of the temp files {@link AtomicFileWriter} writes images into:
 * {@code .<name>.<created>-<random>.tmp}, with the creation time in hexadecimal epoch
 * milliseconds and 64 random bits.
 *
 * <p>Hidden, so never served, however far a write got. The creation time is in the name
 * because the file's own modification time is set to the image's, often long ago, before
 * the file is moved into place; an age judged by it would make a temp file still being
 * written look stale.
 */
final class TempFileName {

    private static final Pattern PATTERN =
            Pattern.compile("\\..+\\.([0-9a-f]{1,15})-[0-9a-f]{16}\\.tmp");

    /** Leaves room for the rest of the name within the usual 255-byte limit. */
    private static final int MAX_NAME_CODE_POINTS = 32;

    private TempFileName() {
    }

    /** A fresh temp file name for an image called {@code fileName}. */
    static String forImage(String fileName, long createdMillis) {
        String name = fileName.codePointCount(0, fileName.length()) <= MAX_NAME_CODE_POINTS
                ? fileName
                : fileName.substring(0, fileName.offsetByCodePoints(0, MAX_NAME_CODE_POINTS));
        return "." + name + "." + Long.toHexString(createdMillis) + "-"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()) + ".tmp";
    }

    /** When the temp file called {@code name} was created, or nothing if it is not one. */
    static OptionalLong createdMillis(String name) {
        Matcher matcher = PATTERN.matcher(name);
        return matcher.matches()
                ? OptionalLong.of(Long.parseLong(matcher.group(1), 16))
                : OptionalLong.empty();
    }
}
