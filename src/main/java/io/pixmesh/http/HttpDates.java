package io.pixmesh.http;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * HTTP-date (RFC 9110 §5.6.7) parsing and formatting, written by hand for the request path.
 *
 * <p>{@link #parse} accepts exactly the three formats a recipient must accept, case-sensitively
 * and at fixed positions: IMF-fixdate ({@code Sun, 06 Nov 1994 08:49:37 GMT}), the obsolete RFC
 * 850 format ({@code Sunday, 06-Nov-94 08:49:37 GMT}) and ANSI C asctime
 * ({@code Sun Nov  6 08:49:37 1994}). A value is valid only if it names a real calendar day and its
 * day name is that day's, so a value that appears to be a list of dates is invalid too. Invalid
 * values give an empty result, never an exception, because every date field that uses this is to
 * be ignored when invalid.
 *
 * <p>{@link #format} writes IMF-fixdate, the only format a sender may generate.
 */
public final class HttpDates {

    private static final String DAYS = "MonTueWedThuFriSatSun";
    private static final String[] LONG_DAYS = {
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
    private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";
    private static final int IMF_LENGTH = 29;
    private static final int ASCTIME_LENGTH = 24;
    /** From the comma after the day name to the end of an RFC 850 date. */
    private static final int RFC850_TAIL = 24;
    private static final int SECONDS_PER_DAY = 86_400;
    /** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: what a four-digit year can express. */
    private static final long MIN_FORMATTABLE = -62_167_219_200L;
    private static final long MAX_FORMATTABLE = 253_402_300_799L;
    private static final long INVALID = Long.MIN_VALUE;

    private HttpDates() {
    }

    /** Parses an HTTP-date, reading a two-digit RFC 850 year relative to the current time. */
    public static Optional<Instant> parse(String value) {
        // Most requests have no date field: no clock read for them.
        return value == null ? Optional.empty() : parse(value, Instant.now());
    }

    /**
     * Parses an HTTP-date. A two-digit RFC 850 year is read as the latest year with those digits
     * that does not put the timestamp more than 50 years after {@code now}, as RFC 9110 requires.
     * Surrounding spaces and tabs are ignored.
     */
    public static Optional<Instant> parse(String value, Instant now) {
        if (value == null) {
            return Optional.empty();
        }
        int start = Ows.skip(value, 0, value.length());
        String s = value.substring(start, Ows.skipBack(value, start, value.length()));
        if (s.length() < 4) {
            return Optional.empty();
        }
        long seconds = switch (s.charAt(3)) {
            case ',' -> imfFixdate(s);
            case ' ' -> asctime(s);
            default -> rfc850(s, now);
        };
        return seconds == INVALID ? Optional.empty() : Optional.of(Instant.ofEpochSecond(seconds));
    }

    private static long imfFixdate(String s) {
        if (s.length() != IMF_LENGTH || s.charAt(4) != ' ' || s.charAt(7) != ' '
                || s.charAt(11) != ' ' || s.charAt(16) != ' ' || !s.startsWith(" GMT", 25)) {
            return INVALID;
        }
        return epochSecond(digits(s, 12, 4), month(s, 8), digits(s, 5, 2), time(s, 17), day(s));
    }

    private static long asctime(String s) {
        if (s.length() != ASCTIME_LENGTH || s.charAt(7) != ' ' || s.charAt(10) != ' '
                || s.charAt(19) != ' ') {
            return INVALID;
        }
        int dayOfMonth = s.charAt(8) == ' ' ? digits(s, 9, 1) : digits(s, 8, 2);
        return epochSecond(digits(s, 20, 4), month(s, 4), dayOfMonth, time(s, 11), day(s));
    }

    private static long rfc850(String s, Instant now) {
        int c = s.indexOf(',');
        DayOfWeek dayName = longDay(s, c);
        if (dayName == null || s.length() != c + RFC850_TAIL || s.charAt(c + 1) != ' '
                || s.charAt(c + 4) != '-' || s.charAt(c + 8) != '-' || s.charAt(c + 11) != ' '
                || !s.startsWith(" GMT", c + 20)) {
            return INVALID;
        }
        int month = month(s, c + 5);
        int dayOfMonth = digits(s, c + 2, 2);
        int time = time(s, c + 12);
        int twoDigitYear = digits(s, c + 9, 2);
        if (month < 0 || dayOfMonth < 0 || time < 0 || twoDigitYear < 0) {
            return INVALID;
        }
        int year = fullYear(twoDigitYear, month, dayOfMonth, time, now);
        return epochSecond(year, month, dayOfMonth, time, dayName);
    }

    /** The latest year ending in {@code yy} whose timestamp is at most 50 years after now. */
    private static int fullYear(int yy, int month, int dayOfMonth, int time, Instant now) {
        OffsetDateTime limit = now.atOffset(ZoneOffset.UTC).plusYears(50);
        int year = limit.getYear() - Math.floorMod(limit.getYear() - yy, 100);
        long limitKey = yearKey(limit.getMonthValue(), limit.getDayOfMonth(),
                limit.toLocalTime().toSecondOfDay());
        boolean laterInYear = yearKey(month, dayOfMonth, time) > limitKey;
        return year == limit.getYear() && laterInYear ? year - 100 : year;
    }

    private static long yearKey(int month, int dayOfMonth, int secondOfDay) {
        return (month * 32L + dayOfMonth) * SECONDS_PER_DAY + secondOfDay;
    }

    private static long epochSecond(int year, int month, int dayOfMonth, int time,
            DayOfWeek dayName) {
        if (year < 0 || month < 0 || time < 0 || dayName == null || dayOfMonth < 1
                || dayOfMonth > Month.of(month).length(Year.isLeap(year))) {
            return INVALID;
        }
        LocalDate date = LocalDate.of(year, month, dayOfMonth);
        if (date.getDayOfWeek() != dayName) {
            return INVALID;
        }
        return date.toEpochDay() * SECONDS_PER_DAY + time;
    }

    /** Seconds of the day for {@code HH:MM:SS} at {@code at}, or -1. */
    private static int time(String s, int at) {
        if (s.charAt(at + 2) != ':' || s.charAt(at + 5) != ':') {
            return -1;
        }
        int hour = digits(s, at, 2);
        int minute = digits(s, at + 3, 2);
        int second = digits(s, at + 6, 2);
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) {
            return -1;
        }
        // A leap second is valid in an HTTP-date but Instant has none; like java.time, read
        // :60 as :59 so the value stays inside its own minute.
        return hour * 3600 + minute * 60 + Math.min(second, 59);
    }

    private static int digits(String s, int at, int count) {
        int value = 0;
        for (int i = at; i < at + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Month number 1-12 for the three-letter name at {@code at}, or -1. */
    private static int month(String s, int at) {
        int index = threeLetterIndex(s, at, MONTHS);
        return index < 0 ? -1 : index + 1;
    }

    /** The day of the week for the three-letter name that starts {@code s}, or null. */
    private static DayOfWeek day(String s) {
        int index = threeLetterIndex(s, 0, DAYS);
        return index < 0 ? null : DayOfWeek.of(index + 1);
    }

    /** Which three-letter name of {@code names} stands at {@code at}, counting from 0, or -1. */
    private static int threeLetterIndex(String s, int at, String names) {
        for (int i = 0; i < names.length(); i += 3) {
            if (s.regionMatches(at, names, i, 3)) {
                return i / 3;
            }
        }
        return -1;
    }

    /** The day of the week whose full name is {@code s} up to index {@code end}, or null. */
    private static DayOfWeek longDay(String s, int end) {
        for (int i = 0; i < LONG_DAYS.length; i++) {
            if (LONG_DAYS[i].length() == end && s.startsWith(LONG_DAYS[i])) {
                return DayOfWeek.of(i + 1);
            }
        }
        return null;
    }

    /**
     * Formats an instant as IMF-fixdate, dropping any fraction of a second.
     *
     * @throws IllegalArgumentException if the instant is outside years 0000 to 9999, which the
     *     format's four-digit year cannot express
     */
    public static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < MIN_FORMATTABLE || seconds > MAX_FORMATTABLE) {
            throw new IllegalArgumentException("not expressible as an HTTP-date: " + instant);
        }
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, SECONDS_PER_DAY));
        int time = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        char[] out = "Ddd, 00 Mmm 0000 00:00:00 GMT".toCharArray();
        int day = (date.getDayOfWeek().getValue() - 1) * 3;
        DAYS.getChars(day, day + 3, out, 0);
        put(out, 5, date.getDayOfMonth(), 2);
        int month = (date.getMonthValue() - 1) * 3;
        MONTHS.getChars(month, month + 3, out, 8);
        put(out, 12, date.getYear(), 4);
        put(out, 17, time / 3600, 2);
        put(out, 20, time / 60 % 60, 2);
        put(out, 23, time % 60, 2);
        return new String(out);
    }

    private static void put(char[] out, int at, int value, int width) {
        for (int i = at + width - 1, v = value; i >= at; i--, v /= 10) {
            out[i] = (char) ('0' + v % 10);
        }
    }
}
