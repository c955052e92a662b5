package io.pixmesh.logging;

import io.pixmesh.config.AddressBlock;
import io.pixmesh.config.IpLiteral;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who sent a request: the connecting address, unless that is a trusted proxy, in which case
 * {@code X-Forwarded-For} is read from the right (each proxy appends the address it was
 * connected from), past every trusted proxy, to the first address that is not one. Anyone can
 * write the left part of that header, so only what trusted proxies appended is believed; an
 * entry that is not an IP literal ends the walk at the last trusted hop.
 */
final class ClientAddress {

    private final List<AddressBlock> trustedProxies;

    ClientAddress(List<AddressBlock> trustedProxies) {
        this.trustedProxies = List.copyOf(trustedProxies);
    }

    /**
     * @param remoteAddress the connecting peer's address, as the container reports it
     * @param forwardedFor  every {@code X-Forwarded-For} field of the request, in order
     */
    String of(String remoteAddress, List<String> forwardedFor) {
        if (trustedProxies.isEmpty() || forwardedFor.isEmpty() || !trusted(IpLiteral.parse(remoteAddress))) {
            return remoteAddress;
        }
        List<String> hops = hops(forwardedFor);
        String client = remoteAddress;
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = IpLiteral.parse(hops.get(i));
            if (hop.isEmpty()) {
                return client;
            }
            client = hops.get(i);
            if (!trusted(hop)) {
                return client;
            }
        }
        return client;
    }

    private boolean trusted(Optional<InetAddress> address) {
        return address.isPresent() && trustedProxies.stream().anyMatch(block -> block.contains(address.get()));
    }

    private static List<String> hops(List<String> fields) {
        List<String> hops = new ArrayList<>();
        for (String field : fields) {
            for (String hop : field.split(",")) {
                hops.add(hop.trim());
            }
        }
        return hops;
    }
}
