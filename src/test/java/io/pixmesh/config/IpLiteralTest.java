package io.pixmesh.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpLiteralTest {

    @Test
    void readsIpv4AndIpv6Literals() throws Exception {
        assertThat(IpLiteral.parse("192.0.2.7")).contains(InetAddress.getByName("192.0.2.7"));
        assertThat(IpLiteral.parse("0.0.0.0")).contains(InetAddress.getByName("0.0.0.0"));
        assertThat(IpLiteral.parse("2001:db8::7")).contains(InetAddress.getByName("2001:db8::7"));
        assertThat(IpLiteral.parse("::1")).contains(InetAddress.getByName("::1"));
        assertThat(IpLiteral.parse("::ffff:192.0.2.7")).contains(InetAddress.getByName("192.0.2.7"));
    }

    /** Each of these would reach DNS through InetAddress.getByName, or is simply no address. */
    @ParameterizedTest
    @ValueSource(strings = {"", "localhost", "example.net", "cafe", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4",
        "1.2.3.4:80", "[::1]", "fe80::1%eth0", "::g", "1:2:3:4:5:6:7:8:9", ".::1", " 1.2.3.4", "unknown"})
    void anythingElseIsNoAddress(String text) {
        assertThat(IpLiteral.parse(text)).isEmpty();
    }
}
