package io.pixmesh;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pixmesh.cache.CacheTiers;
import io.pixmesh.cache.ResponseCache;
import io.pixmesh.config.CacheSettings;
import io.pixmesh.config.PixmeshConfig;
import io.pixmesh.http.CacheControlPolicy;
import io.pixmesh.logging.BootId;
import io.pixmesh.store.DigestIndex;
import io.pixmesh.store.ImageStore;
import jakarta.servlet.ServletContext;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * The object graph of one running node, built once at start-up and shared with the servlets and
 * filters through a context attribute. Nothing here is static: two deployments in one JVM
 * (as in the tests) never see each other's state.
 */
public final class Pixmesh implements AutoCloseable {

    static final String ATTRIBUTE = Pixmesh.class.getName();

    private final PixmeshConfig config;
    private final BootId boot;
    private final DigestIndex digestIndex;
    private final ImageStore store;
    private final CacheControlPolicy cacheControl;
    private final PrometheusMeterRegistry metrics;
    private final ResponseCache responseCache;

    private Pixmesh(PixmeshConfig config, DigestIndex digestIndex, ImageStore store, ResponseCache responseCache) {
        this.config = config;
        this.boot = BootId.at(System.currentTimeMillis(), new SecureRandom());
        this.digestIndex = digestIndex;
        this.store = store;
        this.responseCache = responseCache;
        this.cacheControl = new CacheControlPolicy(
                config.cacheControl(), config.immutablePattern(), config.negativeTtlSeconds());
        this.metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        FunctionCounter.builder("pixmesh.digest.hashes", digestIndex, DigestIndex::hashes)
                .description("Files hashed to learn their SHA-256 (first sight or changed)")
                .register(metrics);
        FunctionCounter.builder("pixmesh.digest.index.hits", digestIndex, DigestIndex::hits)
                .description("Digests answered from the persistent index without hashing")
                .register(metrics);
    }

    /** Opens the digest index, the store and (when enabled) the response cache named by {@code config}. */
    static Pixmesh start(PixmeshConfig config) throws IOException {
        DigestIndex index = DigestIndex.open(config.cacheDir());
        try {
            ImageStore store = new ImageStore(config.storeDir(), index);
            CacheSettings cache = config.cache();
            ResponseCache responseCache = cache.enabled()
                    ? ResponseCache.open(config.cacheDir(), new CacheTiers(cache.heapEntries(), cache.offheapMB(), cache.diskMB()))
                    : null;
            return new Pixmesh(config, index, store, responseCache);
        } catch (IOException | RuntimeException e) {
            index.close();
            throw e;
        }
    }

    /** The graph published by {@link PixmeshListener} for this web application. */
    public static Pixmesh of(ServletContext context) {
        Object graph = context.getAttribute(ATTRIBUTE);
        if (graph == null) {
            throw new IllegalStateException("Pixmesh did not start; see the start-up error in the log");
        }
        return (Pixmesh) graph;
    }

    public PixmeshConfig config() {
        return config;
    }

    /** Names this start of the node; request ids carry it, so they never repeat across restarts. */
    public BootId boot() {
        return boot;
    }

    public ImageStore store() {
        return store;
    }

    public CacheControlPolicy cacheControl() {
        return cacheControl;
    }

    public PrometheusMeterRegistry metrics() {
        return metrics;
    }

    /** The in-process response cache, or empty when {@code pixmesh.cache.enabled} is false. */
    public Optional<ResponseCache> responseCache() {
        return Optional.ofNullable(responseCache);
    }

    @Override
    public void close() {
        if (responseCache != null) {
            responseCache.close();
        }
        metrics.close();
        digestIndex.close();
    }
}
