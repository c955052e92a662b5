package io.pixmesh.serve;

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

import static org.assertj.core.api.Assertions.assertThat;

/** The image servlet's whole HTTP contract, deployed as operators deploy it, over real HTTP. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ImageServletIT extends ImageHttpContract {

    private static final String NAME = "servlet";

    @Deployment
    static WebArchive deployment() {
        TestStore store = ImageFixtures.create(NAME);
        return PixmeshWar.named(NAME, Map.of(
                "pixmesh.store.dir", store.store().toString(),
                "pixmesh.cache.dir", store.cache().toString()));
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
}
