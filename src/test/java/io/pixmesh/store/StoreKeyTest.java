package io.pixmesh.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StoreKeyTest {

    @Test
    void exposesValueAndLastSegment() {
        StoreKey key = StoreKey.of("a/b/c.png");

        assertThat(key.value()).isEqualTo("a/b/c.png");
        assertThat(key.fileName()).isEqualTo("c.png");
        assertThat(key).hasToString("a/b/c.png");
        assertThat(StoreKey.of("c.png").fileName()).isEqualTo("c.png");
    }

    @Test
    void resolvesBelowRoot() {
        Path root = Path.of("/srv/images");

        assertThat(StoreKey.of("a/b.png").resolveAgainst(root))
                .isEqualTo(Path.of("/srv/images/a/b.png"));
    }

    @Test
    void comparesByValue() {
        assertThat(StoreKey.of("a/b.png"))
                .isEqualTo(StoreKey.of("a/b.png"))
                .hasSameHashCodeAs(StoreKey.of("a/b.png"))
                .isNotEqualTo(StoreKey.of("a/B.png"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/a.png", "a/", "a//b.png", "../a.png", "a/./b.png",
        ".git/config", "-/health", "WEB-INF/web.xml", "a\\b.png", "a%2e.png", "a\u0000.png"})
    void refusesUnsafeRelativePaths(String path) {
        assertThatIllegalArgumentException().isThrownBy(() -> StoreKey.of(path));
    }
}
