package io.pixmesh.peer;

import io.pixmesh.peer.FetchOutcome.AlreadyStored;
import io.pixmesh.peer.FetchOutcome.Found;
import io.pixmesh.peer.PeerResponse.Failed;
import io.pixmesh.peer.PeerResponse.Fetched;
import io.pixmesh.store.AtomicFileWriter;
import io.pixmesh.store.ImageStore;
import io.pixmesh.store.SingleFlight;
import io.pixmesh.store.StoreKey;
import io.pixmesh.store.StoredImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets an image this site lacks from its peers: asks them in order, nearest first, takes the
 * first verified copy, and (when persisting) puts it into the store.
 *
 * <p>Guarantees of {@link #fetch}:
 * <ul>
 * <li>Only a body verified by {@link PeerClient} (length and SHA-256 as announced) is ever
 *     stored or handed out; it is written to a hidden temp file beside its target, so readers
 *     never see a partial image, even if the node dies mid-fill. No other file is left behind.
 * <li>When persisting, concurrent fetches of one key make one round of peer requests and all
 *     get its outcome; a fetch that starts after an image was stored finds it there
 *     ({@link AlreadyStored}) instead of asking again. Keys are independent.
 * <li>A peer whose {@link CircuitBreaker} refuses is not asked. A peer that answers 200 or 404
 *     counts as a success for its breaker; a failure or timeout as a failure.
 * <li>{@link FetchOutcome.NotFound} only when every peer answered 404; see {@link Attempts}.
 * </ul>
 * Each request carries {@code Via: 1.1 <site>.<node>} and a {@link PeerCredential}, so the peer
 * serves it from its own store without asking its own peers (at most one hop).
 *
 * <p>Without persisting, a found image is kept in a temp file for the one request that asked,
 * and concurrent fetches are not collapsed: a shared temp file would need to outlive the
 * slowest of its readers, which {@link SingleFlight} cannot count; the response cache in front
 * of the servlet already collapses concurrent misses.
 *
 * <p>Safe for use by many threads.
 */
public final class PeerFetcher {

    private static final Logger log = LoggerFactory.getLogger(PeerFetcher.class);

    private final PeerList peers;
    private final PeerClient client;
    private final Map<String, CircuitBreaker> breakers = new LinkedHashMap<>();
    private final PeerObserver observer;
    private final PeerCredential credential;
    private final String via;
    private final ImageStore store;
    private final AtomicFileWriter writer;
    private final boolean persist;
    private final Clock clock;
    private final SingleFlight<StoreKey, FetchOutcome, IOException> flights = new SingleFlight<>();

    /**
     * @param breakers makes the one breaker of each peer, called once per peer, here
     * @param credential signs each request; must be enabled if there are peers
     * @param via this node as {@code <site>.<node>}
     * @param store where a fetch first looks, in case the image has just been stored
     * @param writer makes the temp files bodies are written to, and stores them
     * @param persist whether found images are put into the store
     * @param clock signs credentials, and dates images whose peer sent no Last-Modified
     * @throws IllegalArgumentException if {@code via} is not {@code <site>.<node>}, or there are
     *     peers but no key to sign requests with
     */
    public PeerFetcher(PeerList peers, PeerClient client, Function<Peer, CircuitBreaker> breakers,
            PeerCredential credential, String via, ImageStore store, AtomicFileWriter writer,
            boolean persist, Clock clock) {
        this(peers, client, breakers, credential, via, store, writer, persist, clock, PeerObserver.NONE);
    }

    /** As above, with {@code observer} told of every peer exchange. */
    public PeerFetcher(PeerList peers, PeerClient client, Function<Peer, CircuitBreaker> breakers,
            PeerCredential credential, String via, ImageStore store, AtomicFileWriter writer,
            boolean persist, Clock clock, PeerObserver observer) {
        PeerCredential.checkVia(via);
        if (!peers.isEmpty() && !credential.isEnabled()) {
            throw new IllegalArgumentException("peers are configured but pixmesh.peer.secret lists no key");
        }
        this.peers = peers;
        this.client = client;
        peers.peers().forEach(peer -> this.breakers.put(peer.name(), breakers.apply(peer)));
        this.credential = credential;
        this.via = via;
        this.store = store;
        this.writer = writer;
        this.persist = persist;
        this.clock = clock;
        this.observer = observer;
    }

    /**
     * Gets {@code key}'s image from the first peer in order that has it and passes checks.
     *
     * @throws IOException if this node's own store fails (a temp file cannot be made, or the
     *     image cannot be put in place): not the peers' fault, so no gateway answer
     */
    public FetchOutcome fetch(StoreKey key) throws IOException {
        if (!persist) {
            return askPeers(key);
        }
        return flights.run(key, () -> {
            Optional<StoredImage> stored = store.find(key);
            return stored.isPresent() ? new AlreadyStored(stored.get()) : askPeers(key);
        });
    }

    /** The peers, nearest first. */
    public PeerList peers() {
        return peers;
    }

    /** The breaker of {@code peer}, for status and metrics. */
    public CircuitBreaker breaker(Peer peer) {
        CircuitBreaker breaker = breakers.get(peer.name());
        if (breaker == null) {
            throw new IllegalArgumentException("not one of this fetcher's peers: " + peer);
        }
        return breaker;
    }

    private FetchOutcome askPeers(StoreKey key) throws IOException {
        long start = System.nanoTime();
        Attempts attempts = new Attempts();
        Path temp = null;
        try {
            for (Peer peer : peers.peers()) {
                // Made before the breaker is asked: a trial once admitted must be reported.
                temp = temp == null ? writer.newTempFile(key) : temp;
                CircuitBreaker breaker = breakers.get(peer.name());
                if (!breaker.tryAcquire()) {
                    attempts.skipped(peer);
                    continue;
                }
                PeerResponse response = ask(peer, key, temp, breaker);
                if (response instanceof Fetched fetched) {
                    temp = null;
                    return found(key, peer, fetched, start);
                }
                temp = null;
                log.debug("Peer {} did not give {}: {}", peer.name(), key, response);
                attempts.answered(peer, response);
            }
        } finally {
            if (temp != null) {
                Files.deleteIfExists(temp);
            }
        }
        return attempts.outcome();
    }

    /** One request, its result reported to the peer's breaker whatever happens. */
    private PeerResponse ask(Peer peer, StoreKey key, Path temp, CircuitBreaker breaker) {
        PeerResponse response;
        long start = System.nanoTime();
        try {
            response = client.fetch(peer, key, headers(peer, key), temp);
        } catch (RuntimeException | Error e) {
            breaker.failure();
            throw e;
        }
        observer.answered(peer, response, System.nanoTime() - start);
        if (response instanceof Failed) {
            breaker.failure();
        } else {
            breaker.success();
        }
        return response;
    }

    private Map<String, String> headers(Peer peer, StoreKey key) {
        String path = Peer.pathFor(key);
        return Map.of("Via", "1.1 " + via,
                PeerCredential.HEADER, credential.sign("GET", path, via, clock.instant()));
    }

    private Found found(StoreKey key, Peer peer, Fetched fetched, long start) throws IOException {
        Instant lastModified = fetched.lastModified() != null
                ? fetched.lastModified()
                : clock.instant().truncatedTo(ChronoUnit.SECONDS);
        StoredImage image = persist
                ? writer.persist(key, fetched.file(), lastModified, fetched.digest())
                : new StoredImage(key, fetched.file(), fetched.length(), lastModified, fetched.digest());
        long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start);
        return new Found(image, peer, micros, persist);
    }
}
