package io.pixmesh;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pixmesh.cache.CacheTiers;
import io.pixmesh.cache.ResponseCache;
import io.pixmesh.config.CacheSettings;
import io.pixmesh.config.PeerSettings;
import io.pixmesh.config.PixmeshConfig;
import io.pixmesh.http.CacheControlPolicy;
import io.pixmesh.ops.DrainSwitch;
import io.pixmesh.ops.PeerMetrics;
import io.pixmesh.peer.CircuitBreaker;
import io.pixmesh.peer.PeerClient;
import io.pixmesh.peer.PeerCredential;
import io.pixmesh.peer.PeerFetcher;
import io.pixmesh.peer.PeerStatus;
import io.pixmesh.peer.Peering;
import io.pixmesh.store.AtomicFileWriter;
import io.pixmesh.logging.BootId;
import io.pixmesh.store.DigestIndex;
import io.pixmesh.store.ImageStore;
import jakarta.servlet.ServletContext;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * The object graph of one running node, built once at start-up and shared with the servlets and
 * filters through a context attribute. Nothing here is static: two deployments in one JVM
 * (as in the tests) never see each other's state.
 */
public final class Pixmesh implements AutoCloseable {

    static final String ATTRIBUTE = Pixmesh.class.getName();

    /** Temp files of peer fills older than this are leftovers of a crash. */
    private static final Duration STALE_FILL = Duration.ofMinutes(15);

    private final PixmeshConfig config;
    private final BootId boot;
    private final DigestIndex digestIndex;
    private final ImageStore store;
    private final CacheControlPolicy cacheControl;
    private final PrometheusMeterRegistry metrics;
    private final ResponseCache responseCache;
    private final DrainSwitch drain;

    private final Peering peering;

    private Pixmesh(PixmeshConfig config, DigestIndex digestIndex, ImageStore store, ResponseCache responseCache,
            Peering peering, PrometheusMeterRegistry metrics) {
        this.config = config;
        this.peering = peering;
        this.boot = BootId.at(System.currentTimeMillis(), new SecureRandom());
        this.digestIndex = digestIndex;
        this.store = store;
        this.responseCache = responseCache;
        this.drain = new DrainSwitch(config.drainFile());
        this.cacheControl = new CacheControlPolicy(
                config.cacheControl(), config.immutablePattern(), config.negativeTtlSeconds());
        this.metrics = metrics;
        FunctionCounter.builder("pixmesh.digest.hashes", digestIndex, DigestIndex::hashes)
                .description("Files hashed to learn their SHA-256 (first sight or changed)")
                .register(metrics);
        FunctionCounter.builder("pixmesh.digest.index.hits", digestIndex, DigestIndex::hits)
                .description("Digests answered from the persistent index without hashing")
                .register(metrics);
        Gauge.builder("pixmesh.digest.index.entries", digestIndex, DigestIndex::size)
                .description("Files the digest index knows")
                .register(metrics);
    }

    /** Opens the digest index, the store and (when enabled) the response cache named by {@code config}. */
    static Pixmesh start(PixmeshConfig config) throws IOException {
        DigestIndex index = DigestIndex.open(config.cacheDir());
        try {
            ImageStore store = new ImageStore(config.storeDir(), index);
            PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            Peering peering = peering(config, store, metrics);
            CacheSettings cache = config.cache();
            // Opened last: it cannot fail (a damaged directory is discarded), so nothing above leaks.
            ResponseCache responseCache = cache.enabled()
                    ? ResponseCache.open(config.cacheDir(), new CacheTiers(cache.heapEntries(), cache.offheapMB(), cache.diskMB()))
                    : null;
            return new Pixmesh(config, index, store, responseCache, peering, metrics);
        } catch (IOException | RuntimeException e) {
            index.close();
            throw e;
        }
    }

    /**
     * Peering as configured: the credential always (a node without peers still answers signed
     * requests from others), the fetcher only with peers. Temp files of fills cut short by a
     * crash are swept first; only old ones, since other nodes may share the store.
     */
    private static Peering peering(PixmeshConfig config, ImageStore store, PrometheusMeterRegistry metrics)
            throws IOException {
        PeerSettings settings = config.peer();
        String self = config.site() + "." + config.node();
        PeerCredential credential = new PeerCredential(settings.secrets(), settings.replayWindow());
        PeerStatus status = new PeerStatus(Clock.systemUTC());
        if (settings.peers().isEmpty()) {
            return new Peering(self, credential, null, null, status);
        }
        AtomicFileWriter writer = new AtomicFileWriter(store, Clock.systemUTC());
        writer.removeStaleTempFiles(STALE_FILL);
        PeerClient client = new PeerClient(settings.client());
        PeerMetrics peerMetrics = new PeerMetrics(metrics);
        PeerFetcher fetcher = new PeerFetcher(settings.peers(), client,
                peer -> new CircuitBreaker(settings.breakerFailures(), settings.breakerBackoff(),
                        settings.breakerMaxBackoff(), System::nanoTime),
                credential, self, store, writer, settings.persist(), Clock.systemUTC(), status.andThen(peerMetrics));
        peerMetrics.watch(fetcher);
        return new Peering(self, credential, fetcher, client, status);
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

    /** This node's part in peering: its name, its credential, its fetcher. */
    public Peering peering() {
        return peering;
    }

    /** Whether this node asks to be taken out of rotation. */
    public DrainSwitch drain() {
        return drain;
    }

    /** The in-process response cache, or empty when {@code pixmesh.cache.enabled} is false. */
    public Optional<ResponseCache> responseCache() {
        return Optional.ofNullable(responseCache);
    }

    @Override
    public void close() {
        peering.close();
        if (responseCache != null) {
            responseCache.close();
        }
        metrics.close();
        digestIndex.close();
    }
}
