package io.pixmesh.logging;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixmesh.config.AddressBlock;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

    private static ClientAddress trusting(String... blocks) {
        return new ClientAddress(Stream.of(blocks).map(b -> AddressBlock.parse(b).orElseThrow()).toList());
    }

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        assertThat(trusting().of("198.51.100.4", List.of("203.0.113.9"))).isEqualTo("198.51.100.4");
    }

    @Test
    void fromAnUntrustedPeerTheHeaderIsIgnored() {
        assertThat(trusting("10.0.0.0/8").of("198.51.100.4", List.of("203.0.113.9"))).isEqualTo("198.51.100.4");
    }

    @Test
    void fromATrustedProxyTheAddressItAppendedIsTheClient() {
        assertThat(trusting("10.0.0.0/8").of("10.1.1.1", List.of("203.0.113.9"))).isEqualTo("203.0.113.9");
    }

    @Test
    void whatTheClientWroteItselfIsNotBelieved() {
        // The client sent "X-Forwarded-For: 1.2.3.4"; the proxy appended the real address.
        assertThat(trusting("10.0.0.0/8").of("10.1.1.1", List.of("1.2.3.4, 203.0.113.9"))).isEqualTo("203.0.113.9");
    }

    @Test
    void aChainOfTrustedProxiesIsWalkedFromTheRight() {
        ClientAddress address = trusting("10.0.0.0/8", "192.0.2.7");

        assertThat(address.of("10.1.1.1", List.of("1.2.3.4, 203.0.113.9, 192.0.2.7", "10.2.2.2")))
                .isEqualTo("203.0.113.9");
    }

    @Test
    void whenEveryHopIsTrustedTheFirstIsTheClient() {
        assertThat(trusting("10.0.0.0/8").of("10.1.1.1", List.of("10.3.3.3, 10.2.2.2"))).isEqualTo("10.3.3.3");
    }

    @Test
    void garbageStopsTheWalkAtTheLastTrustedHop() {
        ClientAddress address = trusting("10.0.0.0/8");

        assertThat(address.of("10.1.1.1", List.of("203.0.113.9, unknown"))).isEqualTo("10.1.1.1");
        assertThat(address.of("10.1.1.1", List.of("203.0.113.9, evil.example.net, 10.2.2.2"))).isEqualTo("10.2.2.2");
        assertThat(address.of("10.1.1.1", List.of("203.0.113.9,,10.2.2.2"))).isEqualTo("10.2.2.2");
    }

    @Test
    void ipv6ProxiesAndClientsWork() {
        assertThat(trusting("2001:db8::/32").of("2001:db8::1", List.of("2001:db8:ffff::9, 2001:db9::5")))
                .isEqualTo("2001:db9::5");
    }

    @Test
    void withoutTheHeaderThePeerIsTheClient() {
        assertThat(trusting("10.0.0.0/8").of("10.1.1.1", List.of())).isEqualTo("10.1.1.1");
    }
}
