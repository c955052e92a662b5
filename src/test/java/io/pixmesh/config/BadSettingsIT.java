package io.pixmesh.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.pixmesh.testing.HttpExchange;
import io.pixmesh.testing.PixmeshWar;
import io.pixmesh.testing.TestStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Bad settings stop the deployment, and the error Tomcat logs names every one of them. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BadSettingsIT {

    private static final String NAME = "badsettings";

    @ArquillianResource
    private Deployer deployer;

    @Deployment(name = NAME, managed = false)
    static WebArchive deployment() {
        TestStore store = TestStore.create(NAME);
        return PixmeshWar.named(NAME, Map.of(
                "pixmesh.store.dir", store.store().resolve("no-such-dir").toString(),
                "pixmesh.cache.dir", store.cache().toString(),
                "pixmesh.site", "Lon Don",
                "pixmesh.negativeTtlSeconds", "-5",
                "pixmesh.cacheControl.immutablePattern", "[unclosed"));
    }

    @Test
    void theDeploymentFailsWithOneMessageNamingEachBadSetting() throws Exception {
        List<Throwable> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getThrown() != null) {
                    logged.add(record.getThrown());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            catchThrowable(() -> deployer.deploy(NAME));
        } finally {
            root.removeHandler(capture);
        }

        assertThat(logged).filteredOn(t -> t.getClass().getName().equals(ConfigException.class.getName()))
                .singleElement()
                .satisfies(e -> assertThat(e.getMessage())
                        .contains("4 bad setting(s)")
                        .contains("pixmesh.store.dir:")
                        .contains("pixmesh.site: 'Lon Don'")
                        .contains("pixmesh.negativeTtlSeconds: '-5'")
                        .contains("pixmesh.cacheControl.immutablePattern: '[unclosed'"));
        assertThat(HttpExchange.get("/" + NAME + "/-/health").send(PixmeshWar.port()).status())
                .as("a failed deployment serves nothing").isNotEqualTo(200);
        catchThrowable(() -> deployer.undeploy(NAME));
    }
}
