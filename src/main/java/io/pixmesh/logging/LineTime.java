package io.pixmesh.logging;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Formats the {@code time} of an access line, {@code 2025-06-15T15:06:40.123Z}: UTC, always
 * three digits of milliseconds. {@link DateTimeFormatter} costs more than the rest of a line
 * together, so it runs once per second and the milliseconds are appended by hand. Thread-safe:
 * the last second's text is one immutable value behind a volatile field (a benign race at most
 * formats a second twice).
 */
final class LineTime {

    private static final DateTimeFormatter TO_THE_SECOND =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.").withZone(ZoneOffset.UTC);
    private static final int MILLIS_PER_SECOND = 1000;

    /** One second, and its text up to and including the decimal point. */
    private record Second(long epochSecond, String text) {
    }

    private volatile Second last = new Second(Long.MIN_VALUE, "");

    String format(long epochMillis) {
        long epochSecond = Math.floorDiv(epochMillis, MILLIS_PER_SECOND);
        Second second = last;
        if (second.epochSecond() != epochSecond) {
            second = new Second(epochSecond, TO_THE_SECOND.format(Instant.ofEpochSecond(epochSecond)));
            last = second;
        }
        int millis = (int) Math.floorMod(epochMillis, MILLIS_PER_SECOND);
        return new StringBuilder(second.text().length() + 4)
                .append(second.text())
                .append((char) ('0' + millis / 100))
                .append((char) ('0' + millis / 10 % 10))
                .append((char) ('0' + millis % 10))
                .append('Z')
                .toString();
    }
}
