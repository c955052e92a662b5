package io.pixmesh.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class EntityTagTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        // wire form        | weak  | opaque
        "\"abc\"            | false | abc",
        "W/\"abc\"          | true  | abc",
        "\"\"               | false | ''",
        "W/\"\"             | true  | ''",
        "\"a,b\"            | false | 'a,b'",
        "\"!#~/W\"          | false | '!#~/W'",
        "'  \"xyz\"\t'      | false | xyz",
        "\"caf\u00e9\"      | false | caf\u00e9",
    })
    void parsesValidEntityTags(String wire, boolean weak, String opaque) {
        EntityTag tag = EntityTag.parse(wire).orElseThrow();

        assertThat(tag.isWeak()).isEqualTo(weak);
        assertThat(tag.opaque()).isEqualTo(opaque);
    }

    @ParameterizedTest(name = "[{index}] <{0}>")
    @NullAndEmptySource
    @ValueSource(strings = {
        "abc", "\"abc", "abc\"", "*", "w/\"abc\"", "W\"abc\"", "W/abc", "\"a b\"", "\"a\tb\"",
        "\"a\"b\"", "\"abc\" x", "\"a\", \"b\"", "\"a\u007fb\"", "\"a\u0100b\"", "\"\u20ac\"",
        "W/ \"abc\"", "\"a\nb\"",
    })
    void rejectsAnythingButExactlyOneValidEntityTag(String value) {
        assertThat(EntityTag.parse(value)).isEmpty();
    }

    @Test
    void wireFormQuotesStrongAndPrefixesWeakTags() {
        assertThat(EntityTag.strong("sha256-Zm9v")).hasToString("\"sha256-Zm9v\"");
        assertThat(EntityTag.weak("v1")).hasToString("W/\"v1\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\"b", "a b", "a\u0000", "\u0100", "line\r\nInjected: yes"})
    void factoriesRejectCharactersOutsideEtagc(String opaque) {
        assertThatIllegalArgumentException().isThrownBy(() -> EntityTag.strong(opaque));
        assertThatIllegalArgumentException().isThrownBy(() -> EntityTag.weak(opaque));
    }

    @ParameterizedTest(name = "[{index}] {0} ~ {1}")
    @CsvSource(delimiter = '|', value = {
        // RFC 9110 §8.8.3.2, the table of examples
        "W/\"1\" | W/\"1\" | false | true",
        "W/\"1\" | W/\"2\" | false | false",
        "W/\"1\" | \"1\"   | false | true",
        "\"1\"   | \"1\"   | true  | true",
        "\"1\"   | \"2\"   | false | false",
        "\"1\"   | W/\"1\" | false | true",
    })
    void comparesAsRfc9110Specifies(String a, String b, boolean strong, boolean weak) {
        EntityTag left = EntityTag.parse(a).orElseThrow();
        EntityTag right = EntityTag.parse(b).orElseThrow();

        assertThat(left.strongMatch(right)).isEqualTo(strong);
        assertThat(left.weakMatch(right)).isEqualTo(weak);
    }

    @Test
    void equalityIncludesWeakness() {
        assertThat(EntityTag.strong("x")).isEqualTo(EntityTag.parse("\"x\"").orElseThrow())
                .hasSameHashCodeAs(EntityTag.strong("x"))
                .isNotEqualTo(EntityTag.weak("x"))
                .isNotEqualTo(EntityTag.strong("y"));
    }

    @Test
    void wireFormParsesBackToAnEqualTag() {
        EntityTag weak = EntityTag.weak("a,b/c");

        assertThat(EntityTag.parse(weak.toString())).contains(weak);
    }
}
