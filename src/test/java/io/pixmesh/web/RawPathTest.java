package io.pixmesh.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RawPathTest {

    @ParameterizedTest(name = "{0} under {1} is {2}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        // The URI spells the context path: the rest, as sent, percent-encoding and dots included.
        "/images/h/12k.jpg        | /images  | /h/12k.jpg",
        "/images/a%2Fb.jpg        | /images  | /a%2Fb.jpg",
        "/images/../images/x.jpg  | /images  | /../images/x.jpg",
        "/images                  | /images  | ''",
        "/images/                 | /images  | /",
        "/a/b/c.jpg               | /a/b     | /c.jpg",
        "/x.jpg                   | ''       | /x.jpg",
        // Anything else is the container's to find: an encoded or decorated context path, a
        // longer first segment, a doubled leading slash.
        "/images;v=1/x.jpg        | /images  | null",
        "/imag%65s/x.jpg          | /images  | null",
        "/imagesx/x.jpg           | /images  | null",
        "//images/x.jpg           | /images  | null",
        "/a%2Fb/c.jpg             | /a/b     | null",
        "/my%20app/x.jpg          | /my app  | null",
        "/50%/x.jpg               | /50%     | null",
        "/a;b/x.jpg               | /a;b     | null",
    })
    void restOfTheUriAfterALiteralContextPath(String uri, String contextPath, String expected) {
        assertThat(RawPath.after(uri, contextPath)).isEqualTo(expected);
    }
}
