package io.pixmesh.config;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Optional;

/**
 * A block of IP addresses in CIDR notation ({@code 10.0.0.0/8}, {@code 2001:db8::/32}), or one
 * address ({@code 192.0.2.7}, the same as {@code /32}). Immutable.
 */
public final class AddressBlock {

    private final byte[] network;
    private final int prefixLength;
    private final String text;

    private AddressBlock(byte[] network, int prefixLength, String text) {
        this.network = network;
        this.prefixLength = prefixLength;
        this.text = text;
    }

    /**
     * The block {@code text} names, or empty when it is not an address literal with an optional
     * {@code /prefix} in range, or when it sets bits beyond the prefix ({@code 10.1.2.3/8} is
     * more likely a typo than a wish to trust all of {@code 10.0.0.0/8}).
     */
    public static Optional<AddressBlock> parse(String text) {
        int slash = text.indexOf('/');
        Optional<InetAddress> address = IpLiteral.parse(slash < 0 ? text : text.substring(0, slash));
        if (address.isEmpty()) {
            return Optional.empty();
        }
        byte[] bytes = address.get().getAddress();
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String digits = text.substring(slash + 1);
            if (!digits.matches("0|[1-9][0-9]{0,2}") || Integer.parseInt(digits) > bits) {
                return Optional.empty();
            }
            prefix = Integer.parseInt(digits);
        }
        if (!Arrays.equals(bytes, masked(bytes, prefix))) {
            return Optional.empty();
        }
        return Optional.of(new AddressBlock(bytes, prefix, text));
    }

    /** Whether {@code address} lies in this block (an IPv4 address never lies in an IPv6 block). */
    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == network.length && Arrays.equals(masked(bytes, prefixLength), network);
    }

    private static byte[] masked(byte[] bytes, int prefix) {
        byte[] result = bytes.clone();
        for (int i = 0; i < result.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            result[i] &= (byte) (0xff << (8 - keep));
        }
        return result;
    }

    /** As written in the setting. */
    @Override
    public String toString() {
        return text;
    }
}
