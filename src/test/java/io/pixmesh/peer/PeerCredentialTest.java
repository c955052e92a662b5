package io.pixmesh.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.pixmesh.peer.Verification.Reason;
import io.pixmesh.peer.Verification.Refused;
import io.pixmesh.peer.Verification.Valid;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PeerCredentialTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final Duration WINDOW = Duration.ofSeconds(30);
    private static final String METHOD = "GET";
    private static final String PATH = "/images/a%20b/c.png";
    private static final String VIA = "lon.n1";
    private static final PeerCredential CREDENTIAL =
            new PeerCredential(PeerSecrets.parse("k2:0123456789abcdef0123,k1:fedcba9876543210"), WINDOW);

    /** One request as the verifier sees it, after a change to what was signed. */
    private record Received(String header, String method, String path, Instant now) {
        static Received asSigned() {
            return new Received(CREDENTIAL.sign(METHOD, PATH, VIA, NOW), METHOD, PATH, NOW);
        }

        Received header(UnaryOperator<String> change) {
            return new Received(change.apply(header), method, path, now);
        }
    }

    static Stream<Arguments> requests() {
        Received signed = Received.asSigned();
        return Stream.of(
                Arguments.of("as signed", signed, null),
                Arguments.of("method changed", new Received(signed.header, "HEAD", PATH, NOW), Reason.BAD_SIGNATURE),
                Arguments.of("path changed", new Received(signed.header, METHOD, "/images/a%20b/d.png", NOW), Reason.BAD_SIGNATURE),
                Arguments.of("path decoded", new Received(signed.header, METHOD, "/images/a b/c.png", NOW), Reason.BAD_SIGNATURE),
                Arguments.of("ts changed", signed.header(h -> h.replace("ts=" + NOW.getEpochSecond(), "ts=" + (NOW.getEpochSecond() + 1))), Reason.BAD_SIGNATURE),
                Arguments.of("via changed", signed.header(h -> h.replace("via=lon.n1", "via=lon.n2")), Reason.BAD_SIGNATURE),
                Arguments.of("sig changed", signed.header(PeerCredentialTest::flipSignatureCharacter), Reason.BAD_SIGNATURE),
                Arguments.of("keyId changed to another accepted key", signed.header(h -> h.replace("keyId=k2", "keyId=k1")), Reason.BAD_SIGNATURE),
                Arguments.of("keyId changed to an unknown key", signed.header(h -> h.replace("keyId=k2", "keyId=k9")), Reason.UNKNOWN_KEY),
                Arguments.of("header missing", new Received(null, METHOD, PATH, NOW), Reason.MISSING),
                Arguments.of("header blank", new Received(" ", METHOD, PATH, NOW), Reason.MISSING),
                Arguments.of("field missing", signed.header(h -> h.replaceAll(", via=[^,]*", "")), Reason.MALFORMED),
                Arguments.of("field twice", signed.header(h -> h + ", via=lon.n1"), Reason.MALFORMED),
                Arguments.of("field unknown", signed.header(h -> h.replace("via=", "from=")), Reason.MALFORMED),
                Arguments.of("sig padded", signed.header(h -> h + "="), Reason.MALFORMED),
                Arguments.of("ts negative", signed.header(h -> h.replace("ts=", "ts=-")), Reason.MALFORMED),
                Arguments.of("not a credential", new Received("Bearer abc", METHOD, PATH, NOW), Reason.MALFORMED),
                Arguments.of("ts at the window's edge, past", new Received(signed.header, METHOD, PATH, NOW.plus(WINDOW)), null),
                Arguments.of("ts at the window's edge, future", new Received(signed.header, METHOD, PATH, NOW.minus(WINDOW)), null),
                Arguments.of("ts too old", new Received(signed.header, METHOD, PATH, NOW.plus(WINDOW).plusSeconds(1)), Reason.OUTSIDE_WINDOW),
                Arguments.of("ts in the future", new Received(signed.header, METHOD, PATH, NOW.minus(WINDOW).minusSeconds(1)), Reason.OUTSIDE_WINDOW));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void verifiesOnlyTheRequestAsSigned(String change, Received request, Reason refusal) {
        Verification verification = CREDENTIAL.verify(request.header, request.method, request.path, request.now);

        if (refusal == null) {
            assertThat(verification).isEqualTo(new Valid(VIA, "k2"));
        } else {
            assertThat(verification).isInstanceOfSatisfying(Refused.class,
                    refused -> assertThat(refused.reason()).isEqualTo(refusal));
        }
    }

    @Test
    void headerHasTheDocumentedForm() {
        assertThat(CREDENTIAL.sign(METHOD, PATH, VIA, NOW))
                .matches("keyId=k2, ts=" + NOW.getEpochSecond() + ", via=lon\\.n1, sig=[A-Za-z0-9_-]{43}");
    }

    @Test
    void signatureIsTheDocumentedHmac() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("0123456789abcdef0123".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] expected = mac.doFinal(("pixmesh-peer-v1\nGET\n" + PATH + "\n" + NOW.getEpochSecond() + "\nlon.n1")
                .getBytes(StandardCharsets.UTF_8));

        assertThat(CREDENTIAL.sign(METHOD, PATH, VIA, NOW))
                .endsWith("sig=" + Base64.getUrlEncoder().withoutPadding().encodeToString(expected));
    }

    @Test
    void acceptsACredentialSignedWithAnOldButStillListedKey() {
        PeerCredential old = new PeerCredential(PeerSecrets.parse("k1:fedcba9876543210"), WINDOW);

        assertThat(CREDENTIAL.verify(old.sign(METHOD, PATH, VIA, NOW), METHOD, PATH, NOW))
                .isEqualTo(new Valid(VIA, "k1"));
    }

    @Test
    void refusesACredentialSignedWithARemovedKey() {
        PeerCredential rotated = new PeerCredential(PeerSecrets.parse("k3:0123456789abcdef9999,k2:0123456789abcdef0123"), WINDOW);
        PeerCredential old = new PeerCredential(PeerSecrets.parse("k1:fedcba9876543210"), WINDOW);

        assertThat(rotated.verify(old.sign(METHOD, PATH, VIA, NOW), METHOD, PATH, NOW))
                .isInstanceOfSatisfying(Refused.class,
                        refused -> assertThat(refused.reason()).isEqualTo(Reason.UNKNOWN_KEY));
    }

    @Test
    void refusesAKeyIdWhoseSecretDiffers() {
        PeerCredential impostor = new PeerCredential(PeerSecrets.parse("k2:guessed-secret-of-k2"), WINDOW);

        assertThat(CREDENTIAL.verify(impostor.sign(METHOD, PATH, VIA, NOW), METHOD, PATH, NOW))
                .isInstanceOfSatisfying(Refused.class,
                        refused -> assertThat(refused.reason()).isEqualTo(Reason.BAD_SIGNATURE));
    }

    @Test
    void withoutKeysNothingCanBeSignedOrAccepted() {
        PeerCredential off = new PeerCredential(PeerSecrets.parse(""), WINDOW);

        assertThat(off.isEnabled()).isFalse();
        assertThatIllegalStateException().isThrownBy(() -> off.sign(METHOD, PATH, VIA, NOW));
        assertThat(off.verify(CREDENTIAL.sign(METHOD, PATH, VIA, NOW), METHOD, PATH, NOW))
                .isInstanceOfSatisfying(Refused.class,
                        refused -> assertThat(refused.reason()).isEqualTo(Reason.UNKNOWN_KEY));
    }

    @Test
    void signRefusesAViaThatIsNotSiteDotNode() {
        assertThatIllegalArgumentException().isThrownBy(() -> CREDENTIAL.sign(METHOD, PATH, "lon", NOW));
        assertThatIllegalArgumentException().isThrownBy(() -> CREDENTIAL.sign(METHOD, PATH, "lon.n1, x=y", NOW));
    }

    /** Changes the signature's first character, which carries six whole bits of the MAC. */
    private static String flipSignatureCharacter(String header) {
        int at = header.indexOf("sig=") + 4;
        char changed = header.charAt(at) == 'A' ? 'B' : 'A';
        return header.substring(0, at) + changed + header.substring(at + 1);
    }
}
