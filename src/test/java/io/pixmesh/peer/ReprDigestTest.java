package io.pixmesh.peer;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixmesh.store.Digest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReprDigestTest {

    private static final Digest DIGEST = Digest.of("image".getBytes(StandardCharsets.UTF_8));
    private static final String B64 = DIGEST.base64();

    /** Annotation values must be constants: {D} stands for the digest's base64. */
    private static String field(String template) {
        return template.replace("{D}", B64)
                .replace("{unpadded}", B64.replace("=", ""))
                .replace("{urlsafe}", B64.replace('+', '-').replace('/', '_'));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "sha-256=:{D}:",
        "  sha-256=:{D}:",
        "sha-512=:AAAA:, sha-256=:{D}:",
        "sha-256=:{D}:;x=1;y=\"a,b\\\";c\", unixsum=?1",
        "md5=:AAAA:,sha-256=:{D}:\t, id-sha-256=tok/en:x",
        "sha-256=:AAAA:, sha-256=:{D}:",
        "sha-256=:{unpadded}:",
        "a=1, b=-2.5, c, sha-256=:{D}:",
    })
    void findsTheSha256Member(String field) {
        assertThat(ReprDigest.sha256(field(field))).contains(DIGEST);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "sha-512=:AAAA:",
        "sha-256=:AAAA:",
        "sha-256={D}",
        "sha-256=\"{D}\"",
        "SHA-256=:{D}:",
        "sha-256=:{D}:,",
        "sha-256=:{D}: x",
        "sha-256=:{D}",
        "sha-256=:{urlsafe}-:",
        "sha-256=(:{D}:)",
        "sha-256=:{D}:, sha-256=:AAAA:",
        "x=\"unterminated, sha-256=:{D}:",
    })
    void findsNothingWhenAbsentOrInvalid(String field) {
        assertThat(ReprDigest.sha256(field(field))).isEmpty();
    }
}
