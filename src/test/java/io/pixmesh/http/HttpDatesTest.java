package io.pixmesh.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class HttpDatesTest {

    private static final Instant NOW = Instant.parse("2025-06-15T12:00:00Z");

    @ParameterizedTest(name = "[{index}] <{0}>")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        // RFC 9110 §5.6.7: the same instant in each of the three formats
        "Sun, 06 Nov 1994 08:49:37 GMT      | 1994-11-06T08:49:37Z",
        "Sunday, 06-Nov-94 08:49:37 GMT     | 1994-11-06T08:49:37Z",
        "Sun Nov  6 08:49:37 1994           | 1994-11-06T08:49:37Z",
        "Sun Nov 06 08:49:37 1994           | 1994-11-06T08:49:37Z",
        "Thu, 29 Feb 2024 00:00:00 GMT      | 2024-02-29T00:00:00Z",
        "Thu Feb 29 23:59:59 2024           | 2024-02-29T23:59:59Z",
        "Wednesday, 01-Mar-23 00:00:00 GMT  | 2023-03-01T00:00:00Z",
        "Thu, 01 Jan 1970 00:00:00 GMT      | 1970-01-01T00:00:00Z",
        "Wed, 31 Dec 1969 23:59:59 GMT      | 1969-12-31T23:59:59Z",
        "Fri, 31 Dec 9999 23:59:59 GMT      | 9999-12-31T23:59:59Z",
        "Sat, 01 Jan 0000 00:00:00 GMT      | 0000-01-01T00:00:00Z",
        "' Sun, 06 Nov 1994 08:49:37 GMT\t' | 1994-11-06T08:49:37Z",
        "Sun, 06 Nov 1994 08:49:60 GMT      | 1994-11-06T08:49:59Z",
    })
    void parsesEachFormatRfc9110Requires(String value, Instant expected) {
        assertThat(HttpDates.parse(value, NOW)).contains(expected);
    }

    @ParameterizedTest(name = "[{index}] <{0}>")
    @NullAndEmptySource
    @ValueSource(strings = {
        "Sun, 06 Nov 1994 08:49:37 UTC",
        "Sun, 06 Nov 1994 08:49:37 gmt",
        "Sun, 06 Nov 1994 08:49:37",
        "sun, 06 Nov 1994 08:49:37 GMT",
        "Sun, 06 nov 1994 08:49:37 GMT",
        "Mon, 06 Nov 1994 08:49:37 GMT",
        "Sun, 6 Nov 1994 08:49:37 GMT",
        "Sun,  6 Nov 1994 08:49:37 GMT",
        "Sun, 06 Nov 94 08:49:37 GMT",
        "Sun, 06 Nov 1994 8:49:37 GMT",
        "Sun, 06 Nov 1994 08:49 GMT",
        "Sun, 06 Nov 1994 08-49-37 GMT",
        "Sun, 06 Nov 1994 24:00:00 GMT",
        "Sun, 06 Nov 1994 23:60:00 GMT",
        "Sun, 06 Nov 1994 23:59:61 GMT",
        "Sun, 06 Nov 1994 08:49:37 GMT ,",
        "Sun, 06 Nov 1994 08:49:37 GMTX",
        "Sun, 06 Nov 1994  08:49:37 GMT",
        "Sun, 06 Xyz 1994 08:49:37 GMT",
        "Sun, 06 ovD 1994 08:49:37 GMT",
        "Wed, 29 Feb 2023 00:00:00 GMT",
        "Wed, 30 Feb 2000 00:00:00 GMT",
        "Sat, 00 Jan 2000 00:00:00 GMT",
        "Sun, 31 Nov 1994 08:49:37 GMT",
        "Sunday, 06 Nov 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994 08:49:37 GMT, Mon, 07 Nov 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994 08:49:37 +0000",
        "Sun, 06 Nov 1994 08:49:37.000 GMT",
        "Sun, 06 Nov 1994 ０8:49:37 GMT",
        "Sunday, 06-Nov-1994 08:49:37 GMT",
        "Sun, 06-Nov-94 08:49:37 GMT",
        "Monday, 06-Nov-94 08:49:37 GMT",
        "sunday, 06-Nov-94 08:49:37 GMT",
        "Sunday,06-Nov-94 08:49:37 GMT",
        "Sunday, 06-Nov-94 08:49:37 UTC",
        "Sunday, 6-Nov-94 08:49:37 GMT",
        "Sun Nov 6 08:49:37 1994",
        "Sun Nov  6 08:49:37 1994 GMT",
        "Sun Nov  6 08:49:37 94",
        "Mon Nov  6 08:49:37 1994",
        "Sun Nov 6  08:49:37 1994",
        "1994-11-06T08:49:37Z",
        "784111777",
        "Sun",
        "garbage, with a comma",
    })
    void rejectsAnythingElse(String value) {
        assertThat(HttpDates.parse(value, NOW)).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] <{0}>")
    @CsvSource(delimiter = '|', value = {
        // now is 2025-06-15T12:00:00Z
        "Saturday, 15-Jun-75 12:00:00 GMT | 2075-06-15T12:00:00Z",
        "Sunday, 15-Jun-75 12:00:01 GMT   | 1975-06-15T12:00:01Z",
        "Tuesday, 01-Jan-30 00:00:00 GMT  | 2030-01-01T00:00:00Z",
        "Sunday, 06-Nov-94 08:49:37 GMT   | 1994-11-06T08:49:37Z",
        "Tuesday, 29-Feb-00 00:00:00 GMT  | 2000-02-29T00:00:00Z",
        "Wednesday, 01-Mar-23 00:00:00 GMT | 2023-03-01T00:00:00Z",
    })
    void readsTwoDigitYearsAsTheLatestYearAtMostFiftyYearsAhead(String value, Instant expected) {
        assertThat(HttpDates.parse(value, NOW)).contains(expected);
    }

    @Test
    void readsTwoDigitYearInTheNextCenturyWhenThatIsWithinFiftyYears() {
        Instant now = Instant.parse("2090-01-01T00:00:00Z");

        assertThat(HttpDates.parse("Sunday, 28-Feb-00 00:00:00 GMT", now))
                .contains(Instant.parse("2100-02-28T00:00:00Z"));
    }

    @Test
    void checksTheDayNameAgainstTheYearTheTwoDigitsResolveTo() {
        // 15-Jun-75 one second past the 50-year horizon is 1975 (a Sunday), not 2075.
        assertThat(HttpDates.parse("Saturday, 15-Jun-75 12:00:01 GMT", NOW)).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "1994-11-06T08:49:37Z          | Sun, 06 Nov 1994 08:49:37 GMT",
        "1970-01-01T00:00:00Z          | Thu, 01 Jan 1970 00:00:00 GMT",
        "2024-02-29T23:59:59.999999999Z | Thu, 29 Feb 2024 23:59:59 GMT",
        "1969-12-31T23:59:59.500Z      | Wed, 31 Dec 1969 23:59:59 GMT",
        "0000-01-01T00:00:00Z          | Sat, 01 Jan 0000 00:00:00 GMT",
        "9999-12-31T23:59:59Z          | Fri, 31 Dec 9999 23:59:59 GMT",
        "0987-05-04T03:02:01Z          | Fri, 04 May 0987 03:02:01 GMT",
    })
    void formatsImfFixdateTruncatingToTheSecond(Instant instant, String expected) {
        assertThat(HttpDates.format(instant)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-0001-12-31T23:59:59Z", "+10000-01-01T00:00:00Z"})
    void refusesToFormatYearsOutsideFourDigits(String instant) {
        Instant outside = Instant.parse(instant);

        assertThatIllegalArgumentException().isThrownBy(() -> HttpDates.format(outside));
    }

    @Test
    void agreesWithJavaTimeOnRandomInstantsInAllThreeFormats() {
        DateTimeFormatter imf = formatter("EEE, dd MMM uuuu HH:mm:ss 'GMT'");
        DateTimeFormatter rfc850 = formatter("EEEE, dd-MMM-uu HH:mm:ss 'GMT'");
        DateTimeFormatter asctime = formatter("EEE MMM ppd HH:mm:ss uuuu");
        Random random = new Random(20250615);
        long from = Instant.parse("1975-06-15T12:00:01Z").getEpochSecond();
        long to = NOW.plusSeconds(50L * 365 * 86_400).getEpochSecond();
        for (int i = 0; i < 20_000; i++) {
            Instant instant =
                    Instant.ofEpochSecond(from + (long) (random.nextDouble() * (to - from)));

            assertThat(HttpDates.format(instant)).isEqualTo(imf.format(instant));
            assertThat(HttpDates.parse(imf.format(instant), NOW)).contains(instant);
            assertThat(HttpDates.parse(rfc850.format(instant), NOW)).contains(instant);
            assertThat(HttpDates.parse(asctime.format(instant), NOW)).contains(instant);
        }
    }

    @Test
    void damagedDatesAreRejectedOrReadAsAnInstantThatFormatsBack() {
        Random random = new Random(5322);
        String alphabet = "SunMonDdayGMT,:- 0123456789\t";
        String[] valid = {"Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 1994"};
        for (int i = 0; i < 200_000; i++) {
            char[] chars = valid[random.nextInt(valid.length)].toCharArray();
            int at = random.nextInt(chars.length);
            chars[at] = alphabet.charAt(random.nextInt(alphabet.length()));
            String damaged = random.nextInt(4) == 0
                    ? Fuzz.string(random, alphabet, 40) : new String(chars);

            HttpDates.parse(damaged, NOW).ifPresent(instant -> assertThat(
                    HttpDates.parse(HttpDates.format(instant), NOW)).as(damaged).contains(instant));
        }
    }

    private static DateTimeFormatter formatter(String pattern) {
        return DateTimeFormatter.ofPattern(pattern, Locale.US).withZone(ZoneOffset.UTC);
    }
}
