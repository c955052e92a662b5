package io.pixmesh.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixmesh.testing.HttpExchange.Response;
import io.pixmesh.testing.HttpExchange;
import io.pixmesh.testing.Metrics;
import io.pixmesh.testing.PixmeshWar;
import io.pixmesh.testing.TestStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The disk tier outlives a restart; a damaged cache directory never stops one. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CacheRestartIT {

    private static final String NAME = "restart";
    private static final TestStore STORE = TestStore.create(NAME);

    @ArquillianResource
    private Deployer deployer;

    @Deployment(name = NAME, managed = false)
    static WebArchive deployment() {
        return PixmeshWar.serving(NAME, STORE, Map.of(
                "pixmesh.cache.revalidateSeconds", "3600",
                "pixmesh.cache.heapEntries", "10",
                "pixmesh.cache.offheapMB", "1",
                "pixmesh.cache.diskMB", "16",
                "pixmesh.cache.maxObjectKB", "256"));
    }

    private static Response get(String path) throws IOException {
        return HttpExchange.get("/" + NAME + path).send(PixmeshWar.port());
    }

    @Test
    void storedAnswersAreServedFromDiskAfterARestartAndADamagedDirectoryIsDiscarded() throws Exception {
        byte[] bytes = TestStore.bytes(50_000, 41);
        STORE.write("kept.jpg", bytes);

        deployer.deploy(NAME);
        try {
            assertThat(get("/kept.jpg").header("Cache-Status")).contains("stored");
        } finally {
            deployer.undeploy(NAME);
        }

        deployer.deploy(NAME);
        try {
            Response afterRestart = get("/kept.jpg");
            assertThat(afterRestart.body()).isEqualTo(bytes);
            assertThat(afterRestart.header("Cache-Status")).startsWith("Pixmesh; hit");
            assertThat(Metrics.sum("/" + NAME, "pixmesh_origin_requests_total")).isZero();
        } finally {
            deployer.undeploy(NAME);
        }

        damage(STORE.cache().resolve("ehcache"));
        deployer.deploy(NAME);
        try {
            Response afterDamage = get("/kept.jpg");
            assertThat(afterDamage.status()).isEqualTo(200);
            assertThat(afterDamage.body()).isEqualTo(bytes);
            assertThat(afterDamage.header("Cache-Status")).startsWith("Pixmesh; fwd=uri-miss");
        } finally {
            deployer.undeploy(NAME);
        }
    }

    /** Overwrites every file of the disk tier with garbage, as a failing disk might. */
    private static void damage(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.write(file, TestStore.bytes((int) Math.max(64, Files.size(file)), 42));
            }
        }
    }
}
