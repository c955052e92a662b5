package io.pixmesh.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RequestIdsTest {

    @Test
    void idsAreSiteNodeBootAndASequenceFromOne() {
        RequestIds ids = new RequestIds("lon", "img-01", new BootId("mbx1abcd"));

        assertThat(ids.next()).isEqualTo("lon-img-01-mbx1abcd-1");
        assertThat(ids.next()).isEqualTo("lon-img-01-mbx1abcd-2");
    }

    @Test
    void concurrentRequestsGetEveryNumberOnce() throws Exception {
        RequestIds ids = new RequestIds("lon", "n1", new BootId("b"));
        Set<String> seen = ConcurrentHashMap.newKeySet();
        Callable<Void> draw = () -> {
            for (int i = 0; i < 10_000; i++) {
                seen.add(ids.next());
            }
            return null;
        };
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            for (Future<Void> done : threads.invokeAll(Collections.nCopies(4, draw))) {
                done.get();
            }
        } finally {
            threads.shutdown();
        }

        assertThat(seen).hasSize(40_000).contains("lon-n1-b-1", "lon-n1-b-40000");
    }
}
