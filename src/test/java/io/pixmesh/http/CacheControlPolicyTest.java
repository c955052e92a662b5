package io.pixmesh.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CacheControlPolicyTest {

    private static final String IMMUTABLE = "public, max-age=31536000, immutable";
    /** web.xml's defaults (which ConfigurationDocsTest ties to the documentation). */
    private static final String DEFAULT_VALUE = "public, max-age=86400, stale-while-revalidate=60, stale-if-error=86400";
    private static final String DEFAULT_IMMUTABLE_PATTERN = "\\.[0-9a-fA-F]{8,}\\.[^./]+$";

    private final CacheControlPolicy policy = new CacheControlPolicy(
            DEFAULT_VALUE,
            Pattern.compile(DEFAULT_IMMUTABLE_PATTERN),
            30);

    /** A date stamp is all hex digits too: the last one is taken as a fingerprint. */
    @ParameterizedTest
    @ValueSource(strings = {
        "logo.3f9a1c2e.png", "img/logo.3f9a1c2e.png", "a/b/app.DEADBEEF.webp",
        "hero.0123456789abcdef0123.avif", "x.y.3f9a1c2e.jpg", "photo.20240101.jpg",
    })
    void fingerprintedNamesAreImmutableForAYear(String key) {
        assertThat(policy.forImage(key)).isEqualTo(IMMUTABLE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "logo.png", "photo-2024.jpg", "cafe.png", "img/cafe.png", "logo.3f9a1c2.png",
        "logo-3f9a1c2e.png", "logo.3f9a1c2g.png", "3f9a1c2e.png", "logo.3f9a1c2e.",
        "logo.3f9a1c2e", "v.3f9a1c2e.d/logo.png", "a.3f9a1c2e.png/logo.png",
    })
    void otherNamesGetTheDefault(String key) {
        assertThat(policy.forImage(key)).isEqualTo(
                "public, max-age=86400, stale-while-revalidate=60, stale-if-error=86400");
    }

    @Test
    void findsTheConfiguredPatternAnywhereInTheFileNameOnly() {
        CacheControlPolicy versioned =
                new CacheControlPolicy("max-age=60", Pattern.compile("-v\\d+"), 5);

        assertThat(versioned.forImage("icons/arrow-v2.svg")).isEqualTo(IMMUTABLE);
        assertThat(versioned.forImage("icons-v2/arrow.svg")).isEqualTo("max-age=60");
    }

    @Test
    void notFoundIsCachedForTheNegativeTtl() {
        assertThat(policy.forNotFound()).isEqualTo("public, max-age=30");
        assertThat(new CacheControlPolicy("x", Pattern.compile("$^"), 0).forNotFound())
                .isEqualTo("public, max-age=0");
    }

    @Test
    void defaultValueReadsAsTheDirectivesItPromises() {
        CacheDirectives directives = CacheDirectives.parse(DEFAULT_VALUE);

        assertThat(directives.isPublic()).isTrue();
        assertThat(directives.maxAge()).hasValue(86_400);
        assertThat(directives.staleWhileRevalidate()).hasValue(60);
        assertThat(directives.staleIfError()).hasValue(86_400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "max-age=60\r\nSet-Cookie: a=b", "max-age=60\u00a0"})
    void rejectsDefaultValuesThatCannotBeSent(String value) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new CacheControlPolicy(value, Pattern.compile("x"), 1));
    }

    @Test
    void rejectsANegativeTtl() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new CacheControlPolicy("max-age=1", Pattern.compile("x"), -1));
    }
}
