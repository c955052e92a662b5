package io.pixmesh.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an IP address written as a literal ({@code 192.0.2.7}, {@code 2001:db8::7}) and nothing
 * else. {@link InetAddress#getByName} alone would resolve anything that is not a literal through
 * DNS; these texts come from settings and from request headers, and a header must never make
 * the server ask DNS anything.
 */
public final class IpLiteral {

    private static final Pattern IPV4 = Pattern.compile(
            "(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})");
    /**
     * Hex digits, colons and (for an embedded IPv4 tail) dots, with a colon somewhere and a hex
     * digit or colon first: the only texts the JDK parses as literals without asking DNS.
     */
    private static final Pattern IPV6 = Pattern.compile("(?=.*:)[0-9A-Fa-f:][0-9A-Fa-f:.]*");

    private IpLiteral() {
    }

    /** The address {@code text} spells, or empty when it is not exactly an IPv4 or IPv6 literal. */
    public static Optional<InetAddress> parse(String text) {
        Matcher v4 = IPV4.matcher(text);
        if (v4.matches()) {
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int part = Integer.parseInt(v4.group(i + 1));
                if (part > 255) {
                    return Optional.empty();
                }
                bytes[i] = (byte) part;
            }
            return Optional.of(byAddress(bytes));
        }
        if (text.length() <= 45 && IPV6.matcher(text).matches()) {
            try {
                return Optional.of(InetAddress.getByName(text));
            } catch (UnknownHostException notALiteral) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static InetAddress byAddress(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException("four bytes are always an IPv4 address", impossible);
        }
    }
}
