package io.pixmesh.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
        List<AddressBlock> trustedProxies = addressBlocks(settings, LOG_TRUSTED_PROXIES);
        if (!settings.problems().isEmpty()) {
            throw new ConfigException(settings.problems());
        }
        return new PixmeshConfig(site, node, storeDir, cacheDir, cacheControl, immutablePattern,
                negativeTtl, sendfileMinKb * 1024L, cache, trustedProxies);
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

    /** A value copied into a response header must be non-empty and free of control characters. */
    private static String headerValue(Settings settings, String name) {
        String value = settings.text(name);
        if (value.isEmpty() || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            settings.problem(name, "'" + value + "' is not a usable header value");
        }
        return value;
    }
}
