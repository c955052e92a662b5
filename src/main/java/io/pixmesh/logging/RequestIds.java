package io.pixmesh.logging;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands out request ids {@code site-node-boot-seq}: {@code seq} is 1 for the first request of a
 * boot and one more for each next one, so a missing line shows as a gap in the sequence. Ids are
 * unique across nodes (site and node) and restarts (boot). Thread-safe.
 */
final class RequestIds {

    private final String prefix;
    private final AtomicLong seq = new AtomicLong();

    RequestIds(String site, String node, BootId boot) {
        this.prefix = site + "-" + node + "-" + boot.value() + "-";
    }

    String next() {
        return prefix + seq.incrementAndGet();
    }
}
