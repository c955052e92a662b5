package io.pixmesh.ops;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.pixmesh.peer.CircuitBreaker;
import io.pixmesh.peer.Peer;
import io.pixmesh.peer.PeerFetcher;
import io.pixmesh.peer.PeerObserver;
import io.pixmesh.peer.PeerResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Each peer's exchanges and circuit as meters: {@code pixmesh_peer_fetches_seconds{peer,result}}
 * (a timer: count, sum and histogram of exchange times), {@code pixmesh_peer_circuit_state{peer}}
 * (0 closed, 1 half-open, 2 open) and {@code pixmesh_peer_circuit_rejections_total{peer}}.
 */
public final class PeerMetrics implements PeerObserver {

    private final MeterRegistry registry;
    /** One timer per peer and result, so an exchange does not build and register a meter. */
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public PeerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Registers the circuit meters of every peer of {@code fetcher}. */
    public void watch(PeerFetcher fetcher) {
        for (Peer peer : fetcher.peers().peers()) {
            CircuitBreaker breaker = fetcher.breaker(peer);
            Gauge.builder("pixmesh.peer.circuit.state", breaker, PeerMetrics::stateValue)
                    .description("Circuit of the peer: 0 closed, 1 half-open, 2 open")
                    .tag("peer", peer.name())
                    .register(registry);
            FunctionCounter.builder("pixmesh.peer.circuit.rejections", breaker, CircuitBreaker::rejections)
                    .description("Requests that skipped the peer because its circuit was open")
                    .tag("peer", peer.name())
                    .register(registry);
        }
    }

    @Override
    public void answered(Peer peer, PeerResponse response, long nanos) {
        String result = result(response);
        timers.computeIfAbsent(peer.name() + ' ' + result, key -> Timer.builder("pixmesh.peer.fetches")
                        .description("Exchanges with a peer, by how they ended")
                        .tag("peer", peer.name())
                        .tag("result", result)
                        .publishPercentileHistogram()
                        .register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** 0 closed, 1 half-open, 2 open: the higher, the less the peer is used. */
    private static double stateValue(CircuitBreaker breaker) {
        return switch (breaker.state()) {
            case CLOSED -> 0;
            case HALF_OPEN -> 1;
            case OPEN -> 2;
        };
    }

    private static String result(PeerResponse response) {
        if (response instanceof PeerResponse.Failed failed) {
            return failed.kind() == PeerResponse.Failed.Kind.TIMEOUT ? "timeout" : "error";
        }
        return response instanceof PeerResponse.Fetched ? "fetched" : "not_found";
    }
}
