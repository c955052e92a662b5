package io.pixmesh.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigestTest {

    /** FIPS 180-2 test vector: SHA-256("abc"). */
    private static final String ABC_HEX =
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @TempDir
    Path dir;

    @Test
    void hashesBytesToTheStandardSha256() {
        Digest digest = Digest.of(ascii("abc"));

        assertThat(digest.hex()).isEqualTo(ABC_HEX);
        assertThat(digest.base64()).isEqualTo("ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
        assertThat(digest).hasToString("sha-256:" + ABC_HEX);
    }

    @Test
    void prefixIsUnpaddedBase64UrlOfTheLeadingBytes() {
        Digest digest = Digest.of(ascii("abc"));

        assertThat(digest.base64UrlPrefix(16)).isEqualTo("ungWv48Bz-pBQUDeXa4iIw");
        assertThat(digest.base64UrlPrefix(32))
                .isEqualTo("ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0");
        assertThat(Base64.getUrlDecoder().decode(digest.base64UrlPrefix(16)))
                .isEqualTo(HexFormat.of().parseHex(ABC_HEX.substring(0, 32)));
    }

    @Test
    void refusesPrefixOutsideTheDigest() {
        Digest digest = Digest.of(ascii("abc"));

        assertThatIllegalArgumentException().isThrownBy(() -> digest.base64UrlPrefix(0));
        assertThatIllegalArgumentException().isThrownBy(() -> digest.base64UrlPrefix(33));
    }

    @Test
    void fromBytesRoundTripsAndDefendsItsState() {
        byte[] raw = HexFormat.of().parseHex(ABC_HEX);
        Digest digest = Digest.fromBytes(raw);
        raw[0] = 0;
        digest.bytes()[1] = 0;

        assertThat(digest).isEqualTo(Digest.of(ascii("abc")));
        assertThat(digest.bytes()).isEqualTo(HexFormat.of().parseHex(ABC_HEX));
    }

    @Test
    void fromBytesRequiresThirtyTwoBytes() {
        assertThatIllegalArgumentException().isThrownBy(() -> Digest.fromBytes(new byte[31]));
        assertThatIllegalArgumentException().isThrownBy(() -> Digest.fromBytes(new byte[33]));
    }

    @Test
    void comparesByValue() {
        assertThat(Digest.of(ascii("abc")))
                .isEqualTo(Digest.of(ascii("abc")))
                .hasSameHashCodeAs(Digest.of(ascii("abc")))
                .isNotEqualTo(Digest.of(ascii("abd")));
    }

    @Test
    void fileDigestEqualsDigestOfItsBytesAcrossManyReads() throws IOException {
        byte[] content = new byte[5 * 1024 * 1024 + 12_345];
        new Random(42).nextBytes(content);
        Path file = Files.write(dir.resolve("big.jpg"), content);

        assertThat(Digest.ofFile(file)).isEqualTo(Digest.of(content));
    }

    @Test
    void emptyFileHasTheDigestOfNoBytes() throws IOException {
        Path file = Files.createFile(dir.resolve("empty.png"));

        assertThat(Digest.ofFile(file).hex())
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
