package io.pixmesh.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pixmesh.peer.Peer;
import io.pixmesh.peer.PeerResponse;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PeerMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final PeerMetrics metrics = new PeerMetrics(registry);
    private final Peer lon = new Peer("lon", URI.create("http://127.0.0.1:1/images/"));
    private final Peer nyc = new Peer("nyc", URI.create("http://127.0.0.1:2/images/"));

    private Timer timer(String peer, String result) {
        return registry.get("pixmesh.peer.fetches").tag("peer", peer).tag("result", result).timer();
    }

    @Test
    void eachExchangeCountsUnderItsPeerAndResult() {
        metrics.answered(lon, new PeerResponse.NotFound(), TimeUnit.MILLISECONDS.toNanos(3));
        metrics.answered(lon, new PeerResponse.NotFound(), TimeUnit.MILLISECONDS.toNanos(5));
        metrics.answered(lon, new PeerResponse.Failed("slow", PeerResponse.Failed.Kind.TIMEOUT), 7);
        metrics.answered(nyc, new PeerResponse.Failed("refused", PeerResponse.Failed.Kind.TIMEOUT), 9);

        assertThat(timer("lon", "not_found").count()).isEqualTo(2);
        assertThat(timer("lon", "not_found").totalTime(TimeUnit.MILLISECONDS)).isEqualTo(8);
        assertThat(timer("lon", "timeout").count()).isEqualTo(1);
        assertThat(timer("nyc", "timeout").count()).isEqualTo(1);
        assertThat(registry.find("pixmesh.peer.fetches").timers()).hasSize(3);
    }
}
