package io.pixmesh.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixmesh.testing.HttpExchange.Response;
import io.pixmesh.testing.Metrics;
import io.pixmesh.testing.PixmeshWar;
import io.pixmesh.testing.TestStore;
import java.io.IOException;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The image servlet's whole HTTP contract again, with the caching filter in front (as shipped):
 * every answer must be the same as without it. Stored answers stay fresh for a minute here, so
 * most requests of the contract are answered from the cache.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CachedImageHttpIT extends ImageHttpContract {

    private static final String NAME = "cached";
    private static TestStore store;

    @Deployment
    static WebArchive deployment() {
        store = ImageFixtures.create(NAME);
        return PixmeshWar.serving(NAME, store, Map.of(
                "pixmesh.cache.revalidateSeconds", "60"));
    }

    @Override
    String context() {
        return "/" + NAME;
    }

    @Override
    Response send(io.pixmesh.testing.HttpExchange exchange) throws IOException {
        Response response = super.send(exchange);
        String cacheStatus = response.header("Cache-Status");
        if (cacheStatus != null && cacheStatus.contains("ttl=")) {
            assertThat(response.header("Age")).as("Age on every answer from a stored response").isNotNull();
        }
        return response;
    }

    @Test
    void aLargeImageBypassesTheCacheAndStillGoesOutThroughSendfile() throws IOException {
        double sendfileBefore = Metrics.sum(context(), "pixmesh_sendfile_responses_total");
        double missesBefore = cacheRequests("miss");
        double bypassesBefore = cacheRequests("bypass");

        // A name no other test asks for: its first request here is the first ever.
        store.write("big-once.jpg", ImageFixtures.BIG);
        Response first = get("/big-once.jpg");
        Response second = get("/big-once.jpg");
        Response range = get("/big-once.jpg", "Range", "bytes=10-5000000");

        assertThat(first.body()).isEqualTo(ImageFixtures.BIG);
        assertThat(second.body()).isEqualTo(ImageFixtures.BIG);
        assertThat(range.status()).isEqualTo(206);
        assertThat(first.header("Cache-Status")).isEqualTo("Pixmesh; fwd=uri-miss; detail=too-large");
        assertThat(second.header("Cache-Status")).isEqualTo("Pixmesh; fwd=uri-miss; detail=too-large");
        assertThat(Metrics.sum(context(), "pixmesh_sendfile_responses_total") - sendfileBefore).isEqualTo(3.0);
        // The first request tried to store the answer (a miss: one servlet run cut short, then the
        // servlet answering); the next two, the key known as too large, went straight to the servlet.
        assertThat(cacheRequests("miss") - missesBefore).isEqualTo(1.0);
        assertThat(cacheRequests("bypass") - bypassesBefore).isEqualTo(2.0);
    }

    private double cacheRequests(String result) throws IOException {
        return Metrics.sum(context(), "pixmesh_cache_requests_total{result=\"" + result + "\"}");
    }
}
