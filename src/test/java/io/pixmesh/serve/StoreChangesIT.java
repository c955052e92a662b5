package io.pixmesh.serve;

import static io.pixmesh.serve.ImageFixtures.etagOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.pixmesh.testing.HttpExchange.Response;
import io.pixmesh.testing.HttpExchange;
import io.pixmesh.testing.Metrics;
import io.pixmesh.testing.PixmeshWar;
import io.pixmesh.testing.TestStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The servlet follows the store at once: replaced files, deleted files, and a redeploy that
 * keeps the digest index. (The cache's own delay is {@code io.pixmesh.cache.CacheBehaviourIT}'s.)
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StoreChangesIT {

    private static final String NAME = "changes";
    private static final TestStore STORE = TestStore.create(NAME);

    @ArquillianResource
    private Deployer deployer;

    @Deployment(name = NAME, managed = false)
    static WebArchive deployment() {
        return PixmeshWar.serving(NAME, STORE, Map.of(
                "pixmesh.cache.enabled", "false"));
    }

    private static Response get(String path) throws IOException {
        return HttpExchange.get("/" + NAME + path).send(PixmeshWar.port());
    }

    @Test
    @OperateOnDeployment(NAME)
    void followsReplacementsAndDeletionsAndKeepsDigestsAcrossARedeploy() throws Exception {
        byte[] first = TestStore.bytes(4000, 10);
        byte[] second = TestStore.bytes(4000, 11);
        STORE.write("kept.png", TestStore.bytes(3000, 12));
        STORE.write("replaced.png", first);
        STORE.write("deleted.png", first);
        deployer.deploy(NAME);
        try {
            assertThat(get("/kept.png").status()).isEqualTo(200);
            assertThat(get("/replaced.png").header("ETag")).isEqualTo(etagOf(first));
            assertThat(get("/deleted.png").status()).isEqualTo(200);

            replaceAtomically(STORE.store().resolve("replaced.png"), second);
            Files.delete(STORE.store().resolve("deleted.png"));

            Response replaced = get("/replaced.png");
            assertThat(replaced.body()).isEqualTo(second);
            assertThat(replaced.header("ETag")).isEqualTo(etagOf(second));
            assertThat(get("/deleted.png").status()).isEqualTo(404);
        } finally {
            deployer.undeploy(NAME);
        }

        deployer.deploy(NAME);
        try {
            assertThat(get("/kept.png").status()).isEqualTo(200);
            assertThat(get("/replaced.png").body()).isEqualTo(second);
            assertThat(Metrics.sum("/" + NAME, "pixmesh_digest_hashes_total")).as("files hashed after the redeploy").isZero();
            assertThat(Metrics.sum("/" + NAME, "pixmesh_digest_index_hits_total")).isEqualTo(2.0);
        } finally {
            deployer.undeploy(NAME);
        }
    }

    /** As operators (and rsync) replace files: a new file renamed over the old one, same size. */
    private static void replaceAtomically(Path target, byte[] content) throws IOException {
        Path temp = Files.write(target.resolveSibling(".incoming.tmp"), content);
        Files.setLastModifiedTime(temp, FileTime.from(Instant.now().plusSeconds(5)));
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
