package io.pixmesh.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;

class CacheDirectivesTest {

    @ParameterizedTest(name = "[{index}] <{0}>")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        // field value                                         | flags, then the times (- for absent)
        "public, max-age=86400, stale-while-revalidate=60, stale-if-error=86400 "
                + "| public | 86400 | - | 60 | 86400",
        "public, max-age=31536000, immutable                   | public immutable | 31536000 | - | - | -",
        "no-store                                              | no-store | - | - | - | -",
        "private, no-cache, must-revalidate                    | private no-cache must-revalidate | - | - | - | -",
        "PUBLIC, Max-Age=5, S-MAXAGE=7                         | public | 5 | 7 | - | -",
        "'  max-age = 5 ,\t,, public  '                        | public | 5 | - | - | -",
        "'max-age=\"60\", s-maxage=\"7\"'                      | '' | 60 | 7 | - | -",
        "'private=\"Set-Cookie, Authorization\", max-age=5'    | private | 5 | - | - | -",
        "'no-cache=\"Set-Cookie\"'                             | no-cache | - | - | - | -",
        "'foo=\"a, max-age=1\", max-age=9'                     | '' | 9 | - | - | -",
        "'foo=\"a \\\" b, no-store\", public'                  | public | - | - | - | -",
        "'ext=\"unterminated, no-store'                        | '' | - | - | - | -",
        "max-age=5, max-age=10                                 | '' | 5 | - | - | -",
        "max-age=abc, max-age=10                               | '' | 10 | - | - | -",
        "max-age=-1                                            | '' | - | - | - | -",
        "max-age=, public                                      | public | - | - | - | -",
        "max-age                                               | '' | - | - | - | -",
        "max-age=5s                                            | '' | - | - | - | -",
        "max-age=99999999999999999999999                       | '' | 2147483648 | - | - | -",
        "max-age=2147483647                                    | '' | 2147483647 | - | - | -",
        "max-age=0                                             | '' | 0 | - | - | -",
        "publicity, no-stores, xmax-age=5                      | '' | - | - | - | -",
        "@@@, =5, public                                       | public | - | - | - | -",
        "max-age=5 junk, no-store                              | no-store | 5 | - | - | -",
        "''                                                    | '' | - | - | - | -",
    })
    void readsTheDirectivesTolerantly(String value, String flags, String maxAge, String sMaxAge,
            String staleWhileRevalidate, String staleIfError) {
        CacheDirectives directives = CacheDirectives.parse(value);

        assertThat(flagsOf(directives)).isEqualTo(flags);
        assertThat(directives.maxAge()).isEqualTo(time(maxAge));
        assertThat(directives.sMaxAge()).isEqualTo(time(sMaxAge));
        assertThat(directives.staleWhileRevalidate()).isEqualTo(time(staleWhileRevalidate));
        assertThat(directives.staleIfError()).isEqualTo(time(staleIfError));
    }

    @ParameterizedTest
    @NullSource
    void absentFieldHasNoDirectives(String value) {
        CacheDirectives directives = CacheDirectives.parse(value);

        assertThat(flagsOf(directives)).isEmpty();
        assertThat(directives.maxAge()).isEmpty();
        assertThat(directives).hasToString("");
    }

    @Test
    void keepsTheOriginalValueAsItsStringForm() {
        String value = "Public,  MAX-AGE=\"60\" , x-ext";

        assertThat(CacheDirectives.parse(value)).hasToString(value);
    }

    private static String flagsOf(CacheDirectives d) {
        List<String> flags = new ArrayList<>();
        if (d.isPublic()) {
            flags.add("public");
        }
        if (d.isPrivate()) {
            flags.add("private");
        }
        if (d.noStore()) {
            flags.add("no-store");
        }
        if (d.noCache()) {
            flags.add("no-cache");
        }
        if (d.mustRevalidate()) {
            flags.add("must-revalidate");
        }
        if (d.immutable()) {
            flags.add("immutable");
        }
        return String.join(" ", flags);
    }

    private static OptionalLong time(String value) {
        return value.equals("-") ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(value));
    }
}
