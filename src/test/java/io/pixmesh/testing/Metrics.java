package io.pixmesh.testing;

import java.io.IOException;

/** Reads a deployment's {@code /-/metrics} over HTTP, as Prometheus would. */
public final class Metrics {

    private Metrics() {
    }

    /** The sum of every sample of {@code name} (all label sets) at {@code context}'s endpoint. */
    public static double sum(String context, String name) throws IOException {
        String text = HttpExchange.get(context + "/-/metrics").send(PixmeshWar.port()).text();
        return text.lines()
                .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
