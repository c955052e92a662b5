package io.pixmesh.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixmesh.testing.HttpExchange.Response;
import io.pixmesh.testing.HttpExchange;
import io.pixmesh.testing.PixmeshWar;
import io.pixmesh.testing.TestStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Health follows the store, and a deployment with nothing but {@code pixmesh.store.dir} set
 * (as on a stock Tomcat) starts and serves.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HealthIT {

    private static final String NAME = "health";
    private static final TestStore STORE = TestStore.create(NAME);

    @Deployment
    static WebArchive deployment() {
        STORE.write("a.png", TestStore.bytes(100, 1));
        return PixmeshWar.named(NAME, Map.of("pixmesh.store.dir", STORE.store().toString()));
    }

    private static Response get(String path) throws IOException {
        return HttpExchange.get("/" + NAME + path).send(PixmeshWar.port());
    }

    @Test
    void onlyTheStoreDirectoryNeedsToBeSet() throws IOException {
        assertThat(get("/a.png").status()).isEqualTo(200);
        assertThat(get("/-/health").text()).isEqualTo("ok\n");
    }

    @Test
    void healthAndImagesAreUnavailableWhileTheStoreIsGoneAndRecoverWhenItIsBack() throws IOException {
        Path store = STORE.store();
        Path aside = store.resolveSibling("store-aside");
        Files.move(store, aside);
        Response gone;
        Response image;
        try {
            gone = get("/-/health");
            image = get("/a.png");
        } finally {
            Files.move(aside, store);
        }

        assertThat(image.status()).as("no 404 while nothing can be known").isEqualTo(503);
        assertThat(image.header("Cache-Control")).isEqualTo("no-store");
        assertThat(gone.status()).isEqualTo(503);
        assertThat(gone.text()).isEqualTo("unhealthy: store unreadable\n");
        assertThat(gone.header("Cache-Control")).isEqualTo("no-store");
        assertThat(get("/-/health").status()).isEqualTo(200);
    }

    @Test
    void healthRefusesMethodsThatChangeThings() throws IOException {
        Response response = HttpExchange.request("POST", "/" + NAME + "/-/health")
                .header("Content-Length", "0").send(PixmeshWar.port());

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.header("Allow")).isEqualTo("GET, HEAD");
    }
}
