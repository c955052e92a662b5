package io.pixmesh.peer;

import io.pixmesh.http.HttpDates;
import io.pixmesh.peer.PeerResponse.Failed;
import io.pixmesh.peer.PeerResponse.Fetched;
import io.pixmesh.peer.PeerResponse.NotFound;
import io.pixmesh.store.Digest;
import io.pixmesh.store.StoreKey;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.io.HttpClientConnectionManager;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches one image from one peer over a pool of kept-alive HTTP/1.1 connections, writes its
 * body to a temp file and verifies it.
 *
 * <p>Guarantees of {@link #fetch}: a {@link Fetched} file holds exactly the announced
 * {@code Content-Length} bytes, whose SHA-256 is the one the peer announced in
 * {@code Repr-Digest}; the body streams to disk and is never held in memory. Any other answer
 * leaves no temp file behind. Time is bounded: connecting by the connect timeout; the first
 * byte of the answer, and every later pause between reads, by the timeout; the whole body by
 * the timeout plus its length at the minimum rate (checked after each read, so a body that
 * trickles is given up at most one timeout after that bound). Nothing is retried, no redirect
 * is followed, no content coding is asked for or undone, and no cookie is kept.
 *
 * <p>Safe for use by many threads; not to be used after {@link #close}.
 */
public final class PeerClient implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(PeerClient.class);

    /** Answers not worth reading to keep their connection (error pages) are at most this long. */
    private static final long SMALL_BODY = 8 * 1024;
    private static final int BUFFER_BYTES = 64 * 1024;
    /** Below the 20 s Tomcat keeps an idle connection, so that we never reuse one it closed. */
    private static final TimeValue KEEP_ALIVE = TimeValue.ofSeconds(15);
    /** Idle connections are checked before reuse; with retries off, a stale one would fail a fetch. */
    private static final TimeValue VALIDATE_AFTER_IDLE = TimeValue.ofSeconds(1);

    /**
     * How a client talks to peers.
     *
     * @param connectTimeout the longest to wait for a connection to be established
     * @param timeout the longest to wait for the first byte of an answer, for each later read,
     *     and for a free pooled connection
     * @param minBytesPerSecond the slowest body accepted: a body of length L must be complete
     *     within {@code timeout + L / minBytesPerSecond}
     * @param maxConnectionsPerPeer pooled connections to one peer at most
     * @param maxConnections pooled connections in all at most
     */
    public record Settings(Duration connectTimeout, Duration timeout, long minBytesPerSecond,
            int maxConnectionsPerPeer, int maxConnections) {

        public Settings {
            if (!isPositive(connectTimeout) || !isPositive(timeout) || minBytesPerSecond < 1
                    || maxConnectionsPerPeer < 1 || maxConnections < maxConnectionsPerPeer) {
                throw new IllegalArgumentException("bad peer client settings: " + connectTimeout
                        + ", " + timeout + ", " + minBytesPerSecond + " B/s, "
                        + maxConnectionsPerPeer + " per peer, " + maxConnections + " in all");
            }
        }

        private static boolean isPositive(Duration duration) {
            return !duration.isNegative() && !duration.isZero();
        }
    }

    private final Settings settings;
    private final CloseableHttpClient client;

    public PeerClient(Settings settings) {
        this.settings = settings;
        this.client = HttpClients.custom()
                .setConnectionManager(connectionManager(settings))
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(settings.timeout()))
                        .setConnectionRequestTimeout(Timeout.of(settings.timeout()))
                        .setRedirectsEnabled(false)
                        .setExpectContinueEnabled(false)
                        .setProtocolUpgradeEnabled(false)
                        .build())
                .setKeepAliveStrategy((response, context) -> KEEP_ALIVE)
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableContentCompression()
                .disableCookieManagement()
                .disableAuthCaching()
                .build();
    }

    /**
     * Asks {@code peer} for {@code key}'s image with a plain GET carrying {@code headers}, and
     * on a 200 writes the body into {@code tempFile}, replacing what it held. Never throws for
     * anything the peer or the network does: that is a {@link Failed}.
     *
     * @param headers request header fields to send (such as {@code Via} and the credential)
     * @param tempFile an existing file to write into; deleted unless the answer is
     *     {@link Fetched}
     */
    public PeerResponse fetch(Peer peer, StoreKey key, Map<String, String> headers, Path tempFile) {
        HttpGet request = new HttpGet(peer.uriFor(key));
        headers.forEach(request::setHeader);
        PeerResponse response = exchange(request, tempFile);
        if (!(response instanceof Fetched)) {
            deleteQuietly(tempFile);
        }
        return response;
    }

    /** Closes every pooled connection at once. */
    @Override
    public void close() {
        client.close(CloseMode.IMMEDIATE);
    }

    private PeerResponse exchange(HttpGet request, Path tempFile) {
        CloseableHttpResponse response = null;
        try {
            response = CloseableHttpResponse.adapt(client.executeOpen(null, request, null));
            return answer(response, tempFile);
        } catch (InterruptedIOException e) {
            return new Failed(timeoutReason(e), Failed.Kind.TIMEOUT);
        } catch (IOException e) {
            return new Failed(e.getClass().getSimpleName() + ": " + e.getMessage(), Failed.Kind.ERROR);
        } finally {
            if (response != null) {
                // A body read to its end has already given its connection back to the pool;
                // any other connection is dropped rather than drained at the peer's pace.
                response.close(CloseMode.IMMEDIATE);
            }
        }
    }

    private PeerResponse answer(ClassicHttpResponse response, Path tempFile) throws IOException {
        int status = response.getCode();
        if (status != 200) {
            consumeIfSmall(response.getEntity());
            if (status == 404) {
                return new NotFound();
            }
            return new Failed((status >= 500 ? "peer failed with " : "unexpected status ") + status,
                    Failed.Kind.ERROR);
        }
        HttpEntity entity = response.getEntity();
        if (entity == null || entity.isChunked() || entity.getContentLength() < 0) {
            return new Failed("no Content-Length", Failed.Kind.ERROR);
        }
        Header[] digestFields = response.getHeaders("Repr-Digest");
        if (digestFields.length == 0) {
            return new Failed("no Repr-Digest", Failed.Kind.ERROR);
        }
        String digestField = Arrays.stream(digestFields).map(Header::getValue).collect(Collectors.joining(","));
        Digest announced = ReprDigest.sha256(digestField).orElse(null);
        if (announced == null) {
            return new Failed("no valid sha-256 in Repr-Digest: " + digestField, Failed.Kind.ERROR);
        }
        long length = entity.getContentLength();
        PeerResponse body = receive(entity.getContent(), length, announced, tempFile);
        if (!(body instanceof Fetched)) {
            return body;
        }
        Header lastModified = response.getFirstHeader(HttpHeaders.LAST_MODIFIED);
        Header contentType = response.getFirstHeader(HttpHeaders.CONTENT_TYPE);
        return new Fetched(tempFile, length, announced,
                lastModified == null ? null : HttpDates.parse(lastModified.getValue()).orElse(null),
                contentType == null ? null : contentType.getValue());
    }

    /** Streams the body to {@code tempFile}, hashing as it goes, within the body's deadline. */
    private PeerResponse receive(InputStream body, long length, Digest announced, Path tempFile)
            throws IOException {
        long allowedNanos = settings.timeout().toNanos()
                + (long) Math.min(Long.MAX_VALUE / 4.0, length * 1e9 / settings.minBytesPerSecond());
        long deadline = System.nanoTime() + allowedNanos;
        MessageDigest sha256 = sha256();
        byte[] buffer = new byte[BUFFER_BYTES];
        long received = 0;
        try (FileChannel out = FileChannel.open(tempFile, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            // The body stream is not closed here: closing it would read the rest of a body we
            // are giving up on; the connection is dropped instead.
            for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                received += n;
                sha256.update(buffer, 0, n);
                ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, n);
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
                if (System.nanoTime() - deadline > 0) {
                    return new Failed("body not complete within " + Duration.ofNanos(allowedNanos).toMillis()
                            + " ms (" + received + " of " + length + " bytes)", Failed.Kind.TIMEOUT);
                }
            }
        }
        if (received != length) {
            return new Failed("body has " + received + " bytes, Content-Length says " + length, Failed.Kind.ERROR);
        }
        Digest actual = Digest.fromBytes(sha256.digest());
        if (!actual.equals(announced)) {
            return new Failed("body hashes to " + actual + ", Repr-Digest says " + announced, Failed.Kind.ERROR);
        }
        return new Fetched(tempFile, length, actual, null, null);
    }

    private static void consumeIfSmall(HttpEntity entity) throws IOException {
        if (entity != null && !entity.isChunked() && entity.getContentLength() >= 0
                && entity.getContentLength() <= SMALL_BODY) {
            EntityUtils.consume(entity);
        }
    }

    private static HttpClientConnectionManager connectionManager(Settings settings) {
        return PoolingHttpClientConnectionManagerBuilder.create()
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                        .setSocketTimeout(Timeout.of(settings.timeout()))
                        .setValidateAfterInactivity(VALIDATE_AFTER_IDLE)
                        .build())
                .setMaxConnPerRoute(settings.maxConnectionsPerPeer())
                .setMaxConnTotal(settings.maxConnections())
                .build();
    }

    private String timeoutReason(InterruptedIOException e) {
        if (e instanceof ConnectTimeoutException) {
            return "no connection within " + settings.connectTimeout().toMillis() + " ms";
        }
        return "no answer within " + settings.timeout().toMillis() + " ms ("
                + e.getClass().getSimpleName() + ": " + e.getMessage() + ")";
    }

    /** A temp file left behind is hidden and swept at start-up; the peer's answer still stands. */
    private static void deleteQuietly(Path tempFile) {
        try {
            Files.deleteIfExists(tempFile);
        } catch (IOException e) {
            log.warn("Cannot delete temp file {}", tempFile, e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
