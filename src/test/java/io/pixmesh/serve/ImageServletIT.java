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
 * The image servlet's whole HTTP contract with the caching filter switched off, deployed as
 * operators deploy it, over real HTTP. {@code io.pixmesh.cache.CachedImageHttpIT} runs the same
 * contract with the filter on.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ImageServletIT extends ImageHttpContract {

    private static final String NAME = "servlet";

    @Deployment
    static WebArchive deployment() {
        TestStore store = ImageFixtures.create(NAME);
        return PixmeshWar.serving(NAME, store, Map.of(
                "pixmesh.cache.enabled", "false"));
    }

    @Override
    String context() {
        return "/" + NAME;
    }

    @Test
    void largeBodiesGoOutThroughSendfile() throws IOException {
        double before = Metrics.sum(context(), "pixmesh_sendfile_responses_total");

        get("/big.jpg");
        get("/big.jpg", "Range", "bytes=100-2000000");
        get("/small.png");

        assertThat(Metrics.sum(context(), "pixmesh_sendfile_responses_total") - before).isEqualTo(2.0);
    }

    @Test
    void withTheFilterOffEveryRequestReachesTheServletAndCarriesNoCacheStatus() throws IOException {
        double before = Metrics.sum(context(), "pixmesh_origin_requests_total");

        Response first = get("/small.png");
        Response second = get("/small.png");

        assertThat(Metrics.sum(context(), "pixmesh_origin_requests_total") - before).isEqualTo(2.0);
        assertThat(first.headers()).doesNotContainKeys("cache-status", "age");
        assertThat(second.headers()).doesNotContainKeys("cache-status", "age");
    }
}
