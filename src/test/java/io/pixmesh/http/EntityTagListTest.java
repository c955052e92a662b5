package io.pixmesh.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EntityTagListTest {

    private static final EntityTag CURRENT = EntityTag.strong("v1");

    static Stream<Arguments> fields() {
        return Stream.of(
            // field lines, any, valid tags in wire form
            arguments(List.of("*"), true, List.of()),
            arguments(List.of(" * "), true, List.of()),
            arguments(List.of("\"a\""), false, List.of("\"a\"")),
            arguments(List.of("\"a\", W/\"b\",\"c\""), false, List.of("\"a\"", "W/\"b\"", "\"c\"")),
            arguments(List.of("\"a\"", "W/\"b\""), false, List.of("\"a\"", "W/\"b\"")),
            arguments(List.of("\"a,b\", \"c\""), false, List.of("\"a,b\"", "\"c\"")),
            arguments(List.of(", ,\"a\" ,, \t\"b\",", ""), false, List.of("\"a\"", "\"b\"")),
            arguments(List.of("\"a\"\t,\t\"b\""), false, List.of("\"a\"", "\"b\"")),
            arguments(List.of("a, \"b\""), false, List.of("\"b\"")),
            arguments(List.of("\"a b\", \"c\""), false, List.of("\"c\"")),
            arguments(List.of("\"a\" junk, \"c\""), false, List.of("\"c\"")),
            arguments(List.of("\"a\"\"b\", \"c\""), false, List.of("\"c\"")),
            arguments(List.of("\"unterminated, \"c\""), false, List.of()),
            arguments(List.of("*, \"a\""), false, List.of("\"a\"")),
            arguments(List.of("*", "*"), false, List.of()),
            arguments(List.of("*", "\"a\""), false, List.of("\"a\"")),
            arguments(List.of("*, garbage"), false, List.of()),
            arguments(List.of("**"), false, List.of()),
            arguments(List.of("garbage"), false, List.of()),
            arguments(List.of(""), false, List.of()),
            arguments(List.of(), false, List.of()));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("fields")
    void parsesTagByTagAndSkipsInvalidMembers(List<String> lines, boolean any, List<String> tags) {
        EntityTagList list = EntityTagList.parse(lines);

        assertThat(list.isAny()).isEqualTo(any);
        assertThat(list.tags()).map(EntityTag::toString).containsExactlyElementsOf(tags);
        assertThat(list.isEmpty()).isEqualTo(!any && tags.isEmpty());
    }

    @Test
    void anyFieldIsReadWithoutFailingAndKeepsOnlyValidTags() {
        Random random = new Random(8832);
        for (int i = 0; i < 100_000; i++) {
            String line = Fuzz.string(random, "\"W/*,, \tab\\\u00e9\u0100", 30);

            EntityTagList list = EntityTagList.parse(List.of(line));

            assertThat(list.tags()).as(line).allSatisfy(
                    tag -> assertThat(EntityTag.parse(tag.toString())).contains(tag));
        }
    }

    @Test
    void starMatchesTheCurrentRepresentationBothWays() {
        EntityTagList any = EntityTagList.parse(List.of("*"));

        assertThat(any.anyStrongMatch(CURRENT)).isTrue();
        assertThat(any.anyWeakMatch(EntityTag.weak("whatever"))).isTrue();
    }

    @Test
    void weakMemberMatchesOnlyWeakly() {
        EntityTagList list = EntityTagList.parse(List.of("\"other\", W/\"v1\""));

        assertThat(list.anyStrongMatch(CURRENT)).isFalse();
        assertThat(list.anyWeakMatch(CURRENT)).isTrue();
    }

    @Test
    void strongMemberAnywhereInTheListMatchesStrongly() {
        EntityTagList list = EntityTagList.parse(List.of("\"x\"", "\"y\", \"v1\""));

        assertThat(list.anyStrongMatch(CURRENT)).isTrue();
        assertThat(list.anyWeakMatch(CURRENT)).isTrue();
    }

    @Test
    void listWithoutTheCurrentTagMatchesNeitherWay() {
        EntityTagList list = EntityTagList.parse(List.of("\"x\", W/\"y\""));

        assertThat(list.anyStrongMatch(CURRENT)).isFalse();
        assertThat(list.anyWeakMatch(CURRENT)).isFalse();
    }

    @Test
    void unparseableFieldMatchesNothing() {
        EntityTagList list = EntityTagList.parse(List.of("v1, 'v1'"));

        assertThat(list.isEmpty()).isTrue();
        assertThat(list.anyStrongMatch(CURRENT)).isFalse();
        assertThat(list.anyWeakMatch(CURRENT)).isFalse();
    }
}
