package io.pixmesh.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixmesh.cache.CacheTiers;
import io.pixmesh.cache.ResponseCache;
import io.pixmesh.store.DigestIndex;
import io.pixmesh.store.ImageStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthTest {

    @TempDir
    Path dir;

    private DigestIndex index;
    private ImageStore store;
    private ResponseCache cache;
    private Path drainFile;

    @BeforeEach
    void open() throws Exception {
        index = DigestIndex.open(dir.resolve("state"));
        store = new ImageStore(Files.createDirectories(dir.resolve("store")), index);
        cache = ResponseCache.open(dir.resolve("state"), new CacheTiers(10, 1, 2));
        drainFile = dir.resolve("drain");
    }

    @AfterEach
    void close() {
        cache.close();
        index.close();
    }

    private Health.Verdict check(DrainSwitch drain) {
        return new Health(drain, store, Optional.of(cache)).check();
    }

    @Test
    void aNodeThatCanServeIsOk() {
        assertThat(check(new DrainSwitch(Optional.of(drainFile)))).isEqualTo(new Health.Verdict(200, "ok"));
    }

    @Test
    void drainingOutranksEverythingElse() throws Exception {
        DrainSwitch drain = new DrainSwitch(Optional.of(drainFile));
        drain.drain();
        Files.delete(dir.resolve("store"));

        assertThat(check(drain)).isEqualTo(new Health.Verdict(503, "draining"));
    }

    @Test
    void theDrainFileDrainsWhileItExists() throws Exception {
        DrainSwitch drain = new DrainSwitch(Optional.of(drainFile));
        Files.writeString(drainFile, "");

        assertThat(check(drain).text()).isEqualTo("draining");

        Files.delete(drainFile);

        assertThat(check(drain).status()).isEqualTo(200);
    }

    @Test
    void anUnreadableStoreIsUnhealthy() throws Exception {
        Files.delete(dir.resolve("store"));

        assertThat(check(new DrainSwitch(Optional.empty()))).isEqualTo(new Health.Verdict(503, "unhealthy: store unreadable"));
    }

    @Test
    void aClosedCacheIsUnhealthy() {
        cache.close();

        assertThat(check(new DrainSwitch(Optional.empty()))).isEqualTo(new Health.Verdict(503, "unhealthy: cache unavailable"));
    }
}
