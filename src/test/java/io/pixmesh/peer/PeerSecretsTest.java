package io.pixmesh.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PeerSecretsTest {

    @Test
    void signsWithTheFirstKeyAndKnowsEveryKey() {
        PeerSecrets secrets = PeerSecrets.parse("k2:0123456789abcdef0123, k1 : fedcba9876543210:with:colons ");

        assertThat(secrets.signingKey()).map(PeerSecrets.Key::id).contains("k2");
        assertThat(secrets.key("k1")).map(key -> new String(key.secret()))
                .contains("fedcba9876543210:with:colons");
        assertThat(secrets.key("k3")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " "})
    void emptySettingTurnsPeeringOff(String setting) {
        PeerSecrets secrets = PeerSecrets.parse(setting);

        assertThat(secrets.isEmpty()).isTrue();
        assertThat(secrets.signingKey()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "k1                                      | pair 1: expected keyId:secret",
        "k1:short-secret                         | pair 1: the secret of key k1 must be at least 16 characters",
        "k1:0123456789abcdef,:0123456789abcdef   | pair 2: the key id must be",
        "k1:0123456789abcdef,k1:0123456789abcdeg | pair 2: the key id k1 is used twice",
        "k1:0123456789abcdef,                    | pair 2: expected keyId:secret",
    })
    void refusesABadPairWithoutQuotingASecret(String setting, String expected) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PeerSecrets.parse(setting))
                .withMessageStartingWith("pixmesh.peer.secret: ")
                .withMessageContaining(expected)
                .withMessageNotContaining("0123456789abcde")
                .withMessageNotContaining("short-secret");
    }

    @Test
    void toStringShowsKeyIdsOnly() {
        assertThat(PeerSecrets.parse("k2:0123456789abcdef0123,k1:fedcba9876543210"))
                .hasToString("[k2,k1]");
    }
}
