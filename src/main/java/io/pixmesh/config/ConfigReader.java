package io.pixmesh.config;

import io.pixmesh.peer.PeerClient;
import io.pixmesh.peer.PeerList;
import io.pixmesh.peer.PeerSecrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Builds a {@link PixmeshConfig} from context-parameters, or fails with one
 * {@link ConfigException} that names every bad value.
 */
public final class ConfigReader {

    public static final String SITE = "pixmesh.site";
    public static final String NODE = "pixmesh.node";
    public static final String STORE_DIR = "pixmesh.store.dir";
    public static final String CACHE_DIR = "pixmesh.cache.dir";
    public static final String CACHE_CONTROL = "pixmesh.cacheControl.default";
    public static final String IMMUTABLE_PATTERN = "pixmesh.cacheControl.immutablePattern";
    public static final String NEGATIVE_TTL = "pixmesh.negativeTtlSeconds";
    public static final String SENDFILE_MIN_KB = "pixmesh.sendfileMinKB";
    public static final String CACHE_ENABLED = "pixmesh.cache.enabled";
    public static final String CACHE_HEAP_ENTRIES = "pixmesh.cache.heapEntries";
    public static final String CACHE_OFFHEAP_MB = "pixmesh.cache.offheapMB";
    public static final String CACHE_DISK_MB = "pixmesh.cache.diskMB";
    public static final String CACHE_MAX_OBJECT_KB = "pixmesh.cache.maxObjectKB";
    public static final String CACHE_REVALIDATE_SECONDS = "pixmesh.cache.revalidateSeconds";
    public static final String CACHE_FILL_WAIT_MS = "pixmesh.cache.fillWaitMs";
    public static final String PEERS = "pixmesh.peers";
    public static final String PEER_SECRET = "pixmesh.peer.secret";
    public static final String PEER_PERSIST = "pixmesh.peer.persist";
    public static final String PEER_CONNECT_TIMEOUT_MS = "pixmesh.peer.connectTimeoutMs";
    public static final String PEER_TIMEOUT_MS = "pixmesh.peer.timeoutMs";
    public static final String PEER_MIN_BYTES_PER_SECOND = "pixmesh.peer.minBytesPerSecond";
    public static final String PEER_MAX_CONNECTIONS_PER_PEER = "pixmesh.peer.maxConnectionsPerPeer";
    public static final String PEER_MAX_CONNECTIONS = "pixmesh.peer.maxConnections";
    public static final String PEER_REPLAY_WINDOW_SECONDS = "pixmesh.peer.replayWindowSeconds";
    public static final String PEER_BREAKER_FAILURES = "pixmesh.peer.breaker.failures";
    public static final String PEER_BREAKER_BACKOFF_MS = "pixmesh.peer.breaker.backoffMs";
    public static final String PEER_BREAKER_MAX_BACKOFF_MS = "pixmesh.peer.breaker.maxBackoffMs";
    public static final String ADMIN_TOKEN = "pixmesh.admin.token";
    public static final String DRAIN_FILE = "pixmesh.drainFile";

    /** Shorter admin tokens are refused: the token is all that guards drain and purge. */
    private static final int MIN_ADMIN_TOKEN_LENGTH = 16;
    public static final String LOG_TRUSTED_PROXIES = "pixmesh.log.trustedProxies";

    private static final int ONE_YEAR_SECONDS = 31_536_000;

    private ConfigReader() {
    }

    /**
     * @param params          context-parameter lookup ({@code ServletContext::getInitParameter})
     * @param defaultCacheDir used when {@code pixmesh.cache.dir} is empty (the container's work directory)
     * @param hostName        used, reduced to a token, when {@code pixmesh.node} is empty
     * @throws ConfigException naming every bad setting
     */
    public static PixmeshConfig read(Function<String, String> params, Path defaultCacheDir, String hostName) {
        Settings settings = new Settings(params);
        String site = settings.token(SITE);
        String node = settings.optionalToken(NODE).orElseGet(() -> nodeFromHostName(hostName));
        Path storeDir = readableDirectory(settings, STORE_DIR);
        Path cacheDir = writableDirectory(settings, CACHE_DIR, defaultCacheDir);
        String cacheControl = headerValue(settings, CACHE_CONTROL);
        var immutablePattern = settings.pattern(IMMUTABLE_PATTERN);
        int negativeTtl = settings.integer(NEGATIVE_TTL, 0, ONE_YEAR_SECONDS);
        int sendfileMinKb = settings.integer(SENDFILE_MIN_KB, 1, 1 << 20);
        CacheSettings cache = cacheSettings(settings);
        String adminToken = adminToken(settings);
        String drainFile = settings.text(DRAIN_FILE);
        Optional<Path> drain = drainFile.isEmpty() ? Optional.empty() : Optional.ofNullable(path(settings, DRAIN_FILE, drainFile));
        PeerSettings peer = peerSettings(settings);
        List<AddressBlock> trustedProxies = addressBlocks(settings, LOG_TRUSTED_PROXIES);
        if (!settings.problems().isEmpty()) {
            throw new ConfigException(settings.problems());
        }
        return new PixmeshConfig(site, node, storeDir, cacheDir, cacheControl, immutablePattern,
                negativeTtl, sendfileMinKb * 1024L, cache, adminToken, drain, peer, trustedProxies);
    }

    private static CacheSettings cacheSettings(Settings settings) {
        boolean enabled = settings.bool(CACHE_ENABLED);
        int heapEntries = settings.integer(CACHE_HEAP_ENTRIES, 1, 10_000_000);
        int offheapMb = settings.integer(CACHE_OFFHEAP_MB, 1, 1 << 20);
        int diskMb = settings.integer(CACHE_DISK_MB, 2, 1 << 24);
        int maxObjectKb = settings.integer(CACHE_MAX_OBJECT_KB, 1, 1 << 20);
        int revalidate = settings.integer(CACHE_REVALIDATE_SECONDS, 0, 86_400);
        int fillWait = settings.integer(CACHE_FILL_WAIT_MS, 0, 600_000);
        // Ehcache refuses a lower tier that is not larger than the one above it.
        if (diskMb <= offheapMb) {
            settings.problem(CACHE_DISK_MB, diskMb + " must be larger than " + CACHE_OFFHEAP_MB + " (" + offheapMb + ")");
        }
        if (maxObjectKb > offheapMb * 1024) {
            settings.problem(CACHE_MAX_OBJECT_KB, maxObjectKb + " KiB does not fit in " + CACHE_OFFHEAP_MB
                    + " (" + offheapMb + " MiB)");
        }
        return new CacheSettings(enabled, heapEntries, offheapMb, diskMb, maxObjectKb * 1024L, revalidate, fillWait);
    }

    /** A comma-separated list of addresses and CIDR blocks; empty means none. */
    private static List<AddressBlock> addressBlocks(Settings settings, String name) {
        List<AddressBlock> blocks = new ArrayList<>();
        for (String item : settings.text(name).split(",")) {
            String text = item.trim();
            if (text.isEmpty()) {
                continue;
            }
            AddressBlock.parse(text).ifPresentOrElse(blocks::add, () -> settings.problem(name,
                    "'" + text + "' is not an IP address or a CIDR block such as 10.0.0.0/8"));
        }
        return List.copyOf(blocks);
    }

    /** A host name such as {@code Img-03.lon.example.net} becomes the token {@code img-03}. */
    static String nodeFromHostName(String hostName) {
        String first = hostName == null ? "" : hostName.split("\\.", 2)[0].toLowerCase(Locale.ROOT);
        String token = first.replaceAll("[^a-z0-9-]", "-").replaceAll("^-+", "");
        token = token.length() > 32 ? token.substring(0, 32) : token;
        return token.isEmpty() ? "node" : token;
    }

    private static Path readableDirectory(Settings settings, String name) {
        String value = settings.text(name);
        if (value.isEmpty()) {
            settings.problem(name, "not set; name the directory to serve");
            return null;
        }
        Path dir = path(settings, name, value);
        if (dir != null && !(Files.isDirectory(dir) && Files.isReadable(dir))) {
            settings.problem(name, "'" + value + "' is not a readable directory");
        }
        return dir;
    }

    private static Path writableDirectory(Settings settings, String name, Path fallback) {
        String value = settings.text(name);
        Path dir = value.isEmpty() ? fallback : path(settings, name, value);
        if (dir == null) {
            return null;
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException | SecurityException e) {
            settings.problem(name, "'" + dir + "' cannot be created (" + e.getMessage() + ")");
            return dir;
        }
        if (!Files.isWritable(dir)) {
            settings.problem(name, "'" + dir + "' is not writable");
        }
        return dir;
    }

    private static Path path(Settings settings, String name, String value) {
        try {
            return Path.of(value).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            settings.problem(name, "'" + value + "' is not a valid path");
            return null;
        }
    }

    private static PeerSettings peerSettings(Settings settings) {
        PeerList peers = parsed(settings, PEERS, PeerList::parse, PeerList.parse(""));
        PeerSecrets secrets = parsed(settings, PEER_SECRET, PeerSecrets::parse, PeerSecrets.parse(""));
        if (!peers.isEmpty() && secrets.isEmpty()) {
            settings.problem(PEER_SECRET, "must be set when " + PEERS + " names peers: peers answer only signed requests");
        }
        boolean persist = settings.bool(PEER_PERSIST);
        int connectTimeout = settings.integer(PEER_CONNECT_TIMEOUT_MS, 1, 60_000);
        int timeout = settings.integer(PEER_TIMEOUT_MS, 1, 600_000);
        int minRate = settings.integer(PEER_MIN_BYTES_PER_SECOND, 1, Integer.MAX_VALUE);
        int perPeer = settings.integer(PEER_MAX_CONNECTIONS_PER_PEER, 1, 10_000);
        int total = settings.integer(PEER_MAX_CONNECTIONS, 1, 100_000);
        if (total < perPeer) {
            settings.problem(PEER_MAX_CONNECTIONS, total + " is less than " + PEER_MAX_CONNECTIONS_PER_PEER + " (" + perPeer + ")");
        }
        int replayWindow = settings.integer(PEER_REPLAY_WINDOW_SECONDS, 1, 3600);
        int breakerFailures = settings.integer(PEER_BREAKER_FAILURES, 1, 1_000_000);
        int backoff = settings.integer(PEER_BREAKER_BACKOFF_MS, 1, 3_600_000);
        int maxBackoff = settings.integer(PEER_BREAKER_MAX_BACKOFF_MS, 1, 86_400_000);
        if (maxBackoff < backoff) {
            settings.problem(PEER_BREAKER_MAX_BACKOFF_MS, maxBackoff + " is less than " + PEER_BREAKER_BACKOFF_MS + " (" + backoff + ")");
        }
        PeerClient.Settings client = settings.problems().isEmpty()
                ? new PeerClient.Settings(Duration.ofMillis(connectTimeout), Duration.ofMillis(timeout), minRate, perPeer, total)
                : null;
        return new PeerSettings(peers, secrets, persist, client, Duration.ofSeconds(replayWindow), breakerFailures,
                Duration.ofMillis(backoff), Duration.ofMillis(Math.max(backoff, maxBackoff)));
    }

    /** A setting read by a parser that throws {@link IllegalArgumentException} naming what is wrong. */
    private static <T> T parsed(Settings settings, String name, Function<String, T> parser, T fallback) {
        try {
            return parser.apply(settings.text(name));
        } catch (IllegalArgumentException e) {
            settings.problem(name, e.getMessage());
            return fallback;
        }
    }

    private static String adminToken(Settings settings) {
        String token = settings.text(ADMIN_TOKEN);
        if (!token.isEmpty() && (token.length() < MIN_ADMIN_TOKEN_LENGTH || token.chars().anyMatch(c -> c <= 0x20 || c >= 0x7f))) {
            settings.problem(ADMIN_TOKEN, "must be at least " + MIN_ADMIN_TOKEN_LENGTH
                    + " visible ASCII characters without spaces (the value is not shown)");
        }
        return token;
    }

    /** A value copied into a response header must be non-empty and free of control characters. */
    private static String headerValue(Settings settings, String name) {
        String value = settings.text(name);
        if (value.isEmpty() || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            settings.problem(name, "'" + value + "' is not a usable header value");
        }
        return value;
    }
}
