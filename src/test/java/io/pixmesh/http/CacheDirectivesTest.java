package io.pixmesh.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;

class CacheDirectivesTest {

    @ParameterizedTest(name = "[{index}] <{0}>")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        // field value | the directives read, in a fixed order
        "public, max-age=86400, stale-while-revalidate=60, stale-if-error=86400 "
                + "| public max-age=86400 stale-while-revalidate=60 stale-if-error=86400",
        "public, max-age=31536000, immutable                | public immutable max-age=31536000",
        "no-store                                           | no-store",
        "private, no-cache, must-revalidate                 | private no-cache must-revalidate",
        "PUBLIC, Max-Age=5, S-MAXAGE=7                      | public max-age=5 s-maxage=7",
        "'  max-age = 5 ,\t,, public  '                     | public max-age=5",
        "'max-age=\"60\", s-maxage=\"7\"'                   | max-age=60 s-maxage=7",
        "'private=\"Set-Cookie, Authorization\", max-age=5' | private max-age=5",
        "'no-cache=\"Set-Cookie\"'                          | no-cache",
        "'foo=\"a, max-age=1\", max-age=9'                  | max-age=9",
        "'foo=\"a \\\" b, no-store\", public'               | public",
        "'ext=\"unterminated, no-store'                     | ''",
        "max-age=5, max-age=10                              | max-age=5",
        "max-age=abc, max-age=10                            | max-age=10",
        "max-age=-1                                         | ''",
        "max-age=, public                                   | public",
        "max-age                                            | ''",
        "max-age=5s                                         | ''",
        "max-age=99999999999999999999999                    | max-age=2147483648",
        "max-age=2147483647                                 | max-age=2147483647",
        "max-age=0                                          | max-age=0",
        "publicity, no-stores, xmax-age=5                   | ''",
        "@@@, =5, public                                    | public",
        "max-age=5 junk, no-store                           | no-store max-age=5",
        "''                                                 | ''",
    })
    void readsTheDirectivesTolerantly(String value, String expected) {
        assertThat(describe(CacheDirectives.parse(value))).isEqualTo(expected);
    }

    @ParameterizedTest
    @NullSource
    void absentFieldHasNoDirectives(String value) {
        CacheDirectives directives = CacheDirectives.parse(value);

        assertThat(describe(directives)).isEmpty();
        assertThat(directives).hasToString("");
    }

    @Test
    void anyValueIsReadWithoutFailing() {
        Random random = new Random(9111);
        for (int i = 0; i < 100_000; i++) {
            String value = Fuzz.string(random, "max-age=public,\"\\ \t5", 40);

            CacheDirectives directives = CacheDirectives.parse(value);

            assertThat(directives).as(value).hasToString(value);
            assertThat(directives.maxAge().orElse(0)).as(value).isBetween(0L, 2_147_483_648L);
        }
    }

    @Test
    void keepsTheOriginalValueAsItsStringForm() {
        String value = "Public,  MAX-AGE=\"60\" , x-ext";

        assertThat(CacheDirectives.parse(value)).hasToString(value);
    }

    /** Every directive read, flags first, in a fixed order. */
    private static String describe(CacheDirectives d) {
        List<String> read = new ArrayList<>();
        flag(read, d.isPublic(), "public");
        flag(read, d.isPrivate(), "private");
        flag(read, d.noStore(), "no-store");
        flag(read, d.noCache(), "no-cache");
        flag(read, d.mustRevalidate(), "must-revalidate");
        flag(read, d.immutable(), "immutable");
        time(read, d.maxAge(), "max-age");
        time(read, d.sMaxAge(), "s-maxage");
        time(read, d.staleWhileRevalidate(), "stale-while-revalidate");
        time(read, d.staleIfError(), "stale-if-error");
        return String.join(" ", read);
    }

    private static void flag(List<String> read, boolean present, String name) {
        if (present) {
            read.add(name);
        }
    }

    private static void time(List<String> read, OptionalLong seconds, String name) {
        seconds.ifPresent(value -> read.add(name + "=" + value));
    }
}
