package io.pixmesh.logging;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RequestMetricsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                                                                   | none",
        "Pixmesh; hit; ttl=2                                                  | hit",
        "Pixmesh; hit; ttl=-5                                                 | hit",
        "Pixmesh; fwd=uri-miss; fwd-status=200; ttl=2; stored                 | miss",
        "Pixmesh; fwd=uri-miss; fwd-status=200; ttl=2; collapsed              | miss",
        "Pixmesh; fwd=uri-miss; fwd-status=200                                | miss",
        "Pixmesh; fwd=stale; fwd-status=304; ttl=2                            | revalidated",
        "Pixmesh; fwd=stale; fwd-status=503; ttl=-5; detail=stale-if-error    | stale_if_error",
    })
    void eachCacheStatusFormHasOneLabel(String cacheStatus, String label) {
        assertThat(RequestMetrics.cacheResult(cacheStatus)).isEqualTo(label);
    }

    @Test
    void recordsLatencyByStatusAndCacheResultBytesAndLines() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        RequestMetrics metrics = new RequestMetrics(registry);

        metrics.record(event(200, 1000, "Pixmesh; hit; ttl=1", 1500), true);
        metrics.record(event(200, 500, "Pixmesh; hit; ttl=1", 500), true);
        metrics.record(event(404, 10, "", 100), false);

        assertThat(registry.get("pixmesh.requests").tags("status", "200", "cache", "hit").timer().count()).isEqualTo(2);
        assertThat(registry.get("pixmesh.requests").tags("status", "404", "cache", "none").timer().count()).isEqualTo(1);
        assertThat(registry.get("pixmesh.response.bytes").counter().count()).isEqualTo(1510);
        assertThat(registry.get("pixmesh.access.lines").counter().count()).isEqualTo(2);
    }

    @Test
    void everyStatusAServletCanSetHasItsOwnTimer() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        RequestMetrics metrics = new RequestMetrics(registry);

        for (int status : new int[] {100, 599, 599, 99, 600, 999, 0, 999}) {
            metrics.record(event(status, 0, "", 10), true);
        }

        for (String status : new String[] {"100", "99", "600", "0"}) {
            assertThat(registry.get("pixmesh.requests").tags("status", status, "cache", "none").timer().count())
                    .as("status %s", status).isEqualTo(1);
        }
        assertThat(registry.get("pixmesh.requests").tags("status", "599", "cache", "none").timer().count()).isEqualTo(2);
        assertThat(registry.get("pixmesh.requests").tags("status", "999", "cache", "none").timer().count()).isEqualTo(2);
        assertThat(registry.get("pixmesh.requests").timers()).hasSize(6);
    }

    private static AccessEvent event(int status, long bytes, String cacheStatus, long micros) {
        return new AccessEvent("s-n-b-1", 0, "127.0.0.1", "GET", "/a.png", status, bytes, micros, cacheStatus,
                "cache", OptionalLong.empty(), "", "");
    }
}
