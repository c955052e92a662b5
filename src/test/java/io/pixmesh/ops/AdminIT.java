package io.pixmesh.ops;

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
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The admin API's guard, drain in both ways, and purge; a second node has no token at all. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminIT {

    private static final String NAME = "admin";
    private static final String UNCONFIGURED = "noadmin";
    private static final String TOKEN = "s3cret-admin-token-0123";
    private static final TestStore STORE = TestStore.create(NAME);
    private static final TestStore OTHER = TestStore.create(UNCONFIGURED);
    private static final Path DRAIN_FILE = STORE.cache().resolve("drain");

    @Deployment(name = NAME, order = 1)
    static WebArchive deployment() {
        return PixmeshWar.serving(NAME, STORE, Map.of(
                "pixmesh.admin.token", TOKEN,
                "pixmesh.drainFile", DRAIN_FILE.toString(),
                "pixmesh.cache.revalidateSeconds", "3600"));
    }

    @Deployment(name = UNCONFIGURED, order = 2)
    static WebArchive withoutToken() {
        return PixmeshWar.serving(UNCONFIGURED, OTHER, Map.of());
    }

    private static Response admin(String context, String method, String path, String authorization) throws IOException {
        HttpExchange exchange = HttpExchange.request(method, "/" + context + "/-/admin" + path).header("Content-Length", "0");
        if (authorization != null) {
            exchange.header("Authorization", authorization);
        }
        return exchange.send(PixmeshWar.port());
    }

    private static Response get(String path) throws IOException {
        return HttpExchange.get("/" + NAME + path).send(PixmeshWar.port());
    }

    @ParameterizedTest
    @CsvSource(value = {
        "admin,   ,                                  401",
        "admin,   Basic YWRtaW46YWRtaW4=,            401",
        "admin,   Bearer wrong-token-wrong-token,    401",
        "admin,   Bearer s3cret-admin-token-012,     401",
        "noadmin, Bearer s3cret-admin-token-0123,    403",
        "noadmin, ,                                  403",
    })
    void adminCallsWithoutTheRightTokenAreRefusedAndChangeNothing(String context, String authorization, int status)
            throws IOException {
        Response response = admin(context, "POST", "/drain", authorization);

        assertThat(response.status()).isEqualTo(status);
        if (status == 401) {
            assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        }
        assertThat(HttpExchange.get("/" + context + "/-/health").send(PixmeshWar.port()).status()).isEqualTo(200);
    }

    @Test
    void drainAndUndrainThroughTheApi() throws IOException {
        String bearer = "Bearer " + TOKEN;

        Response drained = admin(NAME, "POST", "/drain", bearer);
        Response healthWhileDrained = get("/-/health");
        Response undrained = admin(NAME, "DELETE", "/drain", bearer);

        assertThat(drained.status()).isEqualTo(200);
        assertThat(healthWhileDrained.status()).isEqualTo(503);
        assertThat(healthWhileDrained.text()).isEqualTo("draining\n");
        assertThat(undrained.text()).isEqualTo("serving\n");
        assertThat(get("/-/health").status()).isEqualTo(200);
    }

    @Test
    void theDrainFileDrainsWhileItExists() throws IOException {
        Files.writeString(DRAIN_FILE, "maintenance");
        Response whileThere;
        try {
            whileThere = get("/-/health");
        } finally {
            Files.delete(DRAIN_FILE);
        }

        assertThat(whileThere.status()).isEqualTo(503);
        assertThat(whileThere.text()).isEqualTo("draining\n");
        assertThat(get("/-/health").status()).isEqualTo(200);
    }

    @Test
    void purgeDropsTheCachedCopyAndWithStoreTheFileToo() throws IOException {
        byte[] first = TestStore.bytes(3000, 51);
        byte[] second = TestStore.bytes(3000, 52);
        STORE.write("purged.png", first);
        assertThat(get("/purged.png").body()).isEqualTo(first);
        STORE.write("purged.png", second);
        assertThat(get("/purged.png").body()).as("fresh for an hour in the cache").isEqualTo(first);

        Response purge = admin(NAME, "POST", "/purge?path=/purged.png", "Bearer " + TOKEN);

        assertThat(purge.status()).isEqualTo(200);
        assertThat(purge.text()).isEqualTo("{\"path\":\"/purged.png\",\"cache\":\"purged\",\"store\":\"kept\"}");
        assertThat(get("/purged.png").body()).isEqualTo(second);

        Response fromStore = admin(NAME, "POST", "/purge?path=/purged.png&store=true", "Bearer " + TOKEN);

        assertThat(fromStore.text()).contains("\"store\":\"deleted\"");
        assertThat(Files.exists(STORE.store().resolve("purged.png"))).isFalse();
        assertThat(get("/purged.png").status()).isEqualTo(404);
    }

    @ParameterizedTest
    @CsvSource({"/purge?path=../etc/passwd", "/purge?path=/.hidden.png", "/purge"})
    void purgeRefusesWhatIsNotAnImagePath(String call) throws IOException {
        assertThat(admin(NAME, "POST", call, "Bearer " + TOKEN).status()).isEqualTo(400);
    }

    @Test
    void metricsMoveWithRequests() throws IOException {
        STORE.write("counted.png", TestStore.bytes(1234, 53));
        String hits = "pixmesh_requests_seconds_count{cache=\"hit\",status=\"200\"}";
        double hitsBefore = Metrics.sum("/" + NAME, hits);
        double bytesBefore = Metrics.sum("/" + NAME, "pixmesh_response_bytes_total");

        get("/counted.png");
        get("/counted.png");
        get("/counted.png");

        assertThat(Metrics.sum("/" + NAME, hits) - hitsBefore).isEqualTo(2.0);
        assertThat(Metrics.sum("/" + NAME, "pixmesh_response_bytes_total") - bytesBefore).isGreaterThanOrEqualTo(3 * 1234);
        assertThat(HttpExchange.get("/" + NAME + "/-/metrics").send(PixmeshWar.port()).text())
                .contains("pixmesh_requests_seconds_bucket{cache=\"hit\",status=\"200\",le=")
                .contains("pixmesh_cache_tier_entries{tier=\"heap\"}")
                .contains("pixmesh_digest_index_entries")
                // Counted here, but the test classpath's Logback configuration logs no access lines.
                .contains("pixmesh_access_lines_total");
    }

    @Test
    void adminMethodsAreChecked() throws IOException {
        assertThat(admin(NAME, "GET", "/purge?path=/a.png", "Bearer " + TOKEN).status()).isEqualTo(405);
        assertThat(admin(NAME, "GET", "/drain", "Bearer " + TOKEN).status()).isEqualTo(405);
        assertThat(admin(NAME, "POST", "/nothing", "Bearer " + TOKEN).status()).isEqualTo(404);
    }
}
