package io.pixmesh.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigReaderTest {

    @TempDir
    Path dir;

    private final Map<String, String> params = new HashMap<>();

    @BeforeEach
    void validSettings() {
        params.put(ConfigReader.SITE, "lon");
        params.put(ConfigReader.NODE, "img-1");
        params.put(ConfigReader.STORE_DIR, dir.toString());
        params.put(ConfigReader.CACHE_DIR, dir.resolve("state").toString());
        params.put(ConfigReader.CACHE_CONTROL, "public, max-age=60");
        params.put(ConfigReader.IMMUTABLE_PATTERN, "\\.[0-9a-f]{8,}\\.");
        params.put(ConfigReader.NEGATIVE_TTL, "10");
        params.put(ConfigReader.SENDFILE_MIN_KB, "48");
        params.put(ConfigReader.CACHE_ENABLED, "true");
        params.put(ConfigReader.CACHE_HEAP_ENTRIES, "100");
        params.put(ConfigReader.CACHE_OFFHEAP_MB, "16");
        params.put(ConfigReader.CACHE_DISK_MB, "64");
        params.put(ConfigReader.CACHE_MAX_OBJECT_KB, "512");
        params.put(ConfigReader.CACHE_REVALIDATE_SECONDS, "2");
        params.put(ConfigReader.CACHE_FILL_WAIT_MS, "3000");
        params.put(ConfigReader.PEERS, "");
        params.put(ConfigReader.PEER_SECRET, "");
        params.put(ConfigReader.PEER_PERSIST, "true");
        params.put(ConfigReader.PEER_CONNECT_TIMEOUT_MS, "300");
        params.put(ConfigReader.PEER_TIMEOUT_MS, "2000");
        params.put(ConfigReader.PEER_MIN_BYTES_PER_SECOND, "65536");
        params.put(ConfigReader.PEER_MAX_CONNECTIONS_PER_PEER, "32");
        params.put(ConfigReader.PEER_MAX_CONNECTIONS, "128");
        params.put(ConfigReader.PEER_REPLAY_WINDOW_SECONDS, "30");
        params.put(ConfigReader.PEER_BREAKER_FAILURES, "5");
        params.put(ConfigReader.PEER_BREAKER_BACKOFF_MS, "1000");
        params.put(ConfigReader.PEER_BREAKER_MAX_BACKOFF_MS, "60000");
        params.put(ConfigReader.ADMIN_TOKEN, "");
        params.put(ConfigReader.DRAIN_FILE, "");
        params.put(ConfigReader.LOG_TRUSTED_PROXIES, "");
    }

    private PixmeshConfig read() {
        return ConfigReader.read(params::get, dir.resolve("work"), "host");
    }

    @Test
    void readsTypedValues() {
        PixmeshConfig config = read();

        assertThat(config.site()).isEqualTo("lon");
        assertThat(config.node()).isEqualTo("img-1");
        assertThat(config.storeDir()).isEqualTo(dir);
        assertThat(config.cacheDir()).isEqualTo(dir.resolve("state"));
        assertThat(Files.isDirectory(config.cacheDir())).isTrue();
        assertThat(config.negativeTtlSeconds()).isEqualTo(10);
        assertThat(config.sendfileMinBytes()).isEqualTo(48 * 1024);
        assertThat(config.immutablePattern().matcher("a.0123abcd.png").find()).isTrue();
    }

    @Test
    void reportsEveryBadSettingInOneError() {
        params.put(ConfigReader.SITE, "London!");
        params.put(ConfigReader.STORE_DIR, dir.resolve("missing").toString());
        params.put(ConfigReader.NEGATIVE_TTL, "ten");
        params.put(ConfigReader.IMMUTABLE_PATTERN, "([");
        params.put(ConfigReader.CACHE_CONTROL, "public\r\nSet-Cookie: x=1");

        assertThatThrownBy(this::read)
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).hasSize(5))
                .hasMessageContaining("5 bad setting(s)")
                .hasMessageContaining("pixmesh.site: 'London!'")
                .hasMessageContaining("pixmesh.store.dir: '" + dir.resolve("missing") + "' is not a readable directory")
                .hasMessageContaining("pixmesh.negativeTtlSeconds: 'ten' is not a whole number from 0 to 31536000")
                .hasMessageContaining("pixmesh.cacheControl.immutablePattern: '(['")
                .hasMessageContaining("pixmesh.cacheControl.default:");
    }

    @Test
    void readsTheCacheSettings() {
        CacheSettings cache = read().cache();

        assertThat(cache).isEqualTo(new CacheSettings(true, 100, 16, 64, 512 * 1024L, 2, 3000));
    }

    @Test
    void theDiskTierMustBeLargerThanTheOffHeapTierAndHoldTheLargestObject() {
        params.put(ConfigReader.CACHE_DISK_MB, "16");
        params.put(ConfigReader.CACHE_MAX_OBJECT_KB, "32768");
        params.put(ConfigReader.CACHE_ENABLED, "yes");

        assertThatThrownBy(this::read)
                .hasMessageContaining("pixmesh.cache.diskMB: 16 must be larger than pixmesh.cache.offheapMB (16)")
                .hasMessageContaining("pixmesh.cache.maxObjectKB: 32768 KiB does not fit in pixmesh.cache.offheapMB (16 MiB)")
                .hasMessageContaining("pixmesh.cache.enabled: 'yes' is neither true nor false");
    }

    @Test
    void readsThePeerSettings() {
        params.put(ConfigReader.PEERS, "lon=http://127.0.0.1:8081/images, nyc=http://127.0.0.1:8082/images/");
        params.put(ConfigReader.PEER_SECRET, "k2:0123456789abcdef0123, k1:fedcba9876543210fedc");

        PeerSettings peer = read().peer();

        assertThat(peer.peers().peers()).extracting(p -> p.name()).containsExactly("lon", "nyc");
        assertThat(peer.persist()).isTrue();
        assertThat(peer.client().timeout()).hasMillis(2000);
        assertThat(peer.breakerFailures()).isEqualTo(5);
    }

    @Test
    void peersWithoutASecretAndBadPeerValuesAreReported() {
        params.put(ConfigReader.PEERS, "lon=http://127.0.0.1:8081/images, Bad Name=ftp://x");
        params.put(ConfigReader.PEER_MAX_CONNECTIONS, "4");

        assertThatThrownBy(this::read)
                .hasMessageContaining("pixmesh.peers:")
                .hasMessageContaining("pixmesh.peer.maxConnections: 4 is less than pixmesh.peer.maxConnectionsPerPeer (32)");

        params.put(ConfigReader.PEERS, "lon=http://127.0.0.1:8081/images");

        assertThatThrownBy(this::read).hasMessageContaining("pixmesh.peer.secret: must be set when pixmesh.peers names peers");
    }

    @Test
    void aShortPeerSecretIsRefusedWithoutShowingIt() {
        params.put(ConfigReader.PEER_SECRET, "k1:tooshort");

        assertThatThrownBy(this::read)
                .hasMessageContaining("pixmesh.peer.secret:")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("tooshort"));
    }

    @Test
    void aShortAdminTokenIsRefusedWithoutShowingIt() {
        params.put(ConfigReader.ADMIN_TOKEN, "secret");

        assertThatThrownBy(this::read)
                .hasMessageContaining("pixmesh.admin.token: must be at least 16")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret"));
    }

    @Test
    void anEmptyDrainFileMeansNone() {
        assertThat(read().drainFile()).isEmpty();

        params.put(ConfigReader.DRAIN_FILE, dir.resolve("drain").toString());

        assertThat(read().drainFile()).contains(dir.resolve("drain"));
    }

    @Test
    void aMissingParameterIsReportedAsMissingFromWebXml() {
        params.remove(ConfigReader.SENDFILE_MIN_KB);

        assertThatThrownBy(this::read)
                .hasMessageContaining("pixmesh.sendfileMinKB: missing (web.xml should define its default)");
    }

    @Test
    void anEmptyStoreDirectoryIsReportedAsNotSet() {
        params.put(ConfigReader.STORE_DIR, " ");

        assertThatThrownBy(this::read).hasMessageContaining("pixmesh.store.dir: not set");
    }

    @Test
    void anEmptyCacheDirectoryFallsBackToTheWorkDirectory() {
        params.put(ConfigReader.CACHE_DIR, "");

        assertThat(read().cacheDir()).isEqualTo(dir.resolve("work"));
    }

    @Test
    void aCacheDirectoryThatCannotBeCreatedIsReported() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        params.put(ConfigReader.CACHE_DIR, file.resolve("sub").toString());

        assertThatThrownBy(this::read).hasMessageContaining("pixmesh.cache.dir: '" + file.resolve("sub") + "' cannot be created");
    }

    @Test
    void trustedProxiesAreAddressesAndBlocksSeparatedByCommas() {
        params.put(ConfigReader.LOG_TRUSTED_PROXIES, " 10.0.0.0/8,, 192.0.2.7 ,2001:db8::/32");

        assertThat(read().trustedProxies()).map(AddressBlock::toString)
                .containsExactly("10.0.0.0/8", "192.0.2.7", "2001:db8::/32");
    }

    @Test
    void noTrustedProxiesByDefault() {
        assertThat(read().trustedProxies()).isEmpty();
    }

    @Test
    void everyBadTrustedProxyIsNamed() {
        params.put(ConfigReader.LOG_TRUSTED_PROXIES, "proxy.example.net, 10.1.2.3/8, 10.0.0.0/8");

        assertThatThrownBy(this::read)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).hasSize(2))
                .hasMessageContaining("pixmesh.log.trustedProxies: 'proxy.example.net' is not an IP address or a CIDR block")
                .hasMessageContaining("pixmesh.log.trustedProxies: '10.1.2.3/8' is not an IP address or a CIDR block");
    }

    @ParameterizedTest
    @CsvSource({
        "img-03.lon.example.net, img-03",
        "IMG_7, img-7",
        "'', node",
        "---, node",
        "a234567890123456789012345678901234567890, a2345678901234567890123456789012",
    })
    void anEmptyNodeNameComesFromTheHostName(String host, String node) {
        assertThat(ConfigReader.nodeFromHostName(host)).isEqualTo(node);
    }

    @ParameterizedTest
    @CsvSource({"-1", "31536001", "1.5", "''"})
    void outOfRangeNumbersAreRefused(String ttl) {
        params.put(ConfigReader.NEGATIVE_TTL, ttl);

        assertThatThrownBy(this::read).hasMessageContaining("pixmesh.negativeTtlSeconds:");
    }
}
