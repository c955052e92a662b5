package io.pixmesh.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressBlockTest {

    private static boolean contains(String block, String address) throws Exception {
        return AddressBlock.parse(block).orElseThrow().contains(InetAddress.getByName(address));
    }

    @Test
    void aBlockHoldsTheAddressesUnderItsPrefix() throws Exception {
        assertThat(contains("10.0.0.0/8", "10.255.1.2")).isTrue();
        assertThat(contains("10.0.0.0/8", "11.0.0.1")).isFalse();
        assertThat(contains("192.0.2.128/25", "192.0.2.200")).isTrue();
        assertThat(contains("192.0.2.128/25", "192.0.2.127")).isFalse();
        assertThat(contains("2001:db8::/32", "2001:db8:ffff::1")).isTrue();
        assertThat(contains("2001:db8::/32", "2001:db9::1")).isFalse();
        assertThat(contains("0.0.0.0/0", "203.0.113.9")).isTrue();
    }

    @Test
    void aLoneAddressHoldsItselfOnly() throws Exception {
        assertThat(contains("192.0.2.7", "192.0.2.7")).isTrue();
        assertThat(contains("192.0.2.7", "192.0.2.8")).isFalse();
        assertThat(contains("::1", "::1")).isTrue();
    }

    @Test
    void familiesNeverMix() throws Exception {
        assertThat(contains("0.0.0.0/0", "::1")).isFalse();
        assertThat(contains("::/0", "127.0.0.1")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.1.2.3/8", "10.0.0.0/33", "2001:db8::/129", "10.0.0.0/", "10.0.0.0/08", "10.0.0.0/-1",
        "host/8", "10.0.0.0/8/8"})
    void badBlocksAreRefused(String text) {
        assertThat(AddressBlock.parse(text)).isEmpty();
    }

    @Test
    void printsAsWritten() {
        assertThat(AddressBlock.parse("2001:db8::/32").orElseThrow()).hasToString("2001:db8::/32");
    }
}
