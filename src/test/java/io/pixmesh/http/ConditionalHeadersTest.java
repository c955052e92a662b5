package io.pixmesh.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConditionalHeadersTest {

    @Test
    void readsEveryFieldThroughTheLookupByItsName() {
        Map<String, List<String>> fields = Map.of(
                "If-Match", List.of("\"a\""),
                "If-Unmodified-Since", List.of("Fri, 01 Mar 2024 10:00:00 GMT"),
                "If-None-Match", List.of("\"b\""),
                "If-Modified-Since", List.of("Sat, 02 Mar 2024 10:00:00 GMT"),
                "If-Range", List.of("\"c\""),
                "Range", List.of("bytes=0-1"));

        ConditionalHeaders headers = ConditionalHeaders.of("GET", fields::get);

        assertThat(headers).isEqualTo(new ConditionalHeaders("GET", List.of("\"a\""),
                "Fri, 01 Mar 2024 10:00:00 GMT", List.of("\"b\""),
                "Sat, 02 Mar 2024 10:00:00 GMT", "\"c\"", "bytes=0-1"));
    }

    @Test
    void absentFieldsAreEmptyListsOrNullWhateverTheLookupReturns() {
        Map<String, List<String>> fields = Map.of("If-Match", List.of(), "Range", List.of());

        ConditionalHeaders headers = ConditionalHeaders.of("HEAD", fields::get);

        assertThat(headers).isEqualTo(
                new ConditionalHeaders("HEAD", List.of(), null, List.of(), null, null, null));
    }

    @Test
    void keepsEveryLineOfListFields() {
        ConditionalHeaders headers = ConditionalHeaders.of("GET",
                name -> name.equals("If-None-Match") ? List.of("\"a\"", "\"b\", \"c\"") : null);

        assertThat(headers.ifNoneMatch()).containsExactly("\"a\"", "\"b\", \"c\"");
    }

    @Test
    void joinsRepeatedSingleValuedFieldsSoTheyReadAsInvalid() {
        ConditionalHeaders headers = ConditionalHeaders.of("GET", name -> name.equals("Range")
                || name.equals("If-Modified-Since") ? List.of("one", "two") : null);

        assertThat(headers.range()).isEqualTo("one, two");
        assertThat(headers.ifModifiedSince()).isEqualTo("one, two");
    }

    @Test
    void copiesTheListsItIsGiven() {
        List<String> lines = new ArrayList<>(List.of("\"a\""));

        ConditionalHeaders headers =
                new ConditionalHeaders("GET", lines, null, lines, null, null, null);
        lines.add("\"b\"");

        assertThat(headers.ifMatch()).containsExactly("\"a\"");
        assertThat(headers.ifNoneMatch()).containsExactly("\"a\"");
    }
}
