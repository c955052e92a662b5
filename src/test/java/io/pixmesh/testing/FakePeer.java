package io.pixmesh.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.pixmesh.http.HttpDates;
import io.pixmesh.store.Digest;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A scripted peer site on 127.0.0.1 for tests of peer fetching: it serves the images put into
 * it under {@code /images/}, well or in one of the ways a real peer can go wrong, and records
 * every request it gets.
 *
 * <p>{@link #start} gives an HTTP peer whose {@link Mode} can be changed at any time;
 * {@link #blackHole} one that accepts connections and never reads or answers;
 * {@link #notAccepting} one that cannot be connected to in time; {@link #refusing} an address
 * where nothing listens. Every wait it makes (slow modes, held
 * responses) ends when it is closed, so a test never outlives its peer.
 */
public final class FakePeer implements AutoCloseable {

    /** How the HTTP peer answers a request for an image it has. */
    public enum Mode {
        /** 200 with Content-Length, Repr-Digest, Last-Modified and the right bytes. */
        SERVE,
        /** 404 for everything. */
        NOT_FOUND,
        /** 503 for everything. */
        SERVER_ERROR,
        /** Announces the full length, sends half the body, closes the connection. */
        TRUNCATED,
        /** The original Content-Length and digest, but one byte of the body changed. */
        ALTERED,
        /** No Repr-Digest header. */
        NO_DIGEST,
        /** A Repr-Digest that is the SHA-256 of other bytes. */
        WRONG_DIGEST,
        /** Correct, but without Last-Modified. */
        NO_LAST_MODIFIED,
        /** No Content-Length: the body is chunked. */
        CHUNKED,
        /** Answers correctly, but only after the delay. */
        SLOW_FIRST_BYTE,
        /** Sends headers at once, then the body one byte per delay. */
        SLOW_BODY
    }

    /** One request as received: header names in lower case, values as sent. */
    public record Request(String method, String rawPath, Map<String, List<String>> headers) {
        /** The first value of a header, or null. */
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    private record Image(byte[] bytes, Instant lastModified) {
    }

    private static final String CONTEXT = "/images";

    private final HttpServer server;
    private final ServerSocket blackHole;
    private final URI base;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "fake-peer");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Image> images = new ConcurrentHashMap<>();
    private final List<Request> received = new CopyOnWriteArrayList<>();
    private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
    private final List<Socket> heldSockets = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Object arrivals = new Object();
    private int arrived;

    private volatile Mode mode = Mode.SERVE;
    private volatile Duration delay = Duration.ofSeconds(5);
    private volatile CountDownLatch gate = new CountDownLatch(0);

    private FakePeer(HttpServer server, ServerSocket blackHole, URI base) {
        this.server = server;
        this.blackHole = blackHole;
        this.base = base;
    }

    /** An HTTP peer in {@link Mode#SERVE}, listening on a free port. */
    public static FakePeer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            FakePeer peer = new FakePeer(server, null,
                    URI.create("http://127.0.0.1:" + server.getAddress().getPort() + CONTEXT));
            server.setExecutor(peer.threads);
            server.createContext(CONTEXT + "/", peer::handle);
            server.start();
            return peer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A peer that accepts every connection and never reads from it or answers. */
    public static FakePeer blackHole() {
        try {
            ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            FakePeer peer = new FakePeer(null, socket,
                    URI.create("http://127.0.0.1:" + socket.getLocalPort() + CONTEXT));
            peer.threads.execute(peer::swallowConnections);
            return peer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A peer whose listen queue is full and which never accepts: connecting to it times out
     * (Linux drops the handshake of a connection its full queue cannot take).
     */
    public static FakePeer notAccepting() {
        try {
            ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            FakePeer peer = new FakePeer(null, socket,
                    URI.create("http://127.0.0.1:" + socket.getLocalPort() + CONTEXT));
            peer.fillQueue();
            return peer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The address of a port that was free a moment ago and that nothing listens on. */
    public static URI refusing() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + CONTEXT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where its images are: {@code http://127.0.0.1:<port>/images}. */
    public URI base() {
        return base;
    }

    /** Adds or replaces the image at {@code relativePath} under {@link #base}. */
    public FakePeer put(String relativePath, byte[] bytes, Instant lastModified) {
        images.put(relativePath, new Image(bytes.clone(), lastModified));
        return this;
    }

    public FakePeer mode(Mode mode) {
        this.mode = mode;
        return this;
    }

    /** How long the slow modes wait: before the answer, or between body bytes. */
    public FakePeer delay(Duration delay) {
        this.delay = delay;
        return this;
    }

    /** Makes every request wait, once recorded, until {@link #releaseResponses}. */
    public FakePeer holdResponses() {
        gate = new CountDownLatch(1);
        return this;
    }

    public void releaseResponses() {
        gate.countDown();
    }

    /** Requests received so far (for a black hole: connections accepted). */
    public int requests() {
        synchronized (arrivals) {
            return arrived;
        }
    }

    /** Waits until at least {@code count} requests have arrived; false if {@code max} passed first. */
    public boolean awaitRequests(int count, Duration max) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        synchronized (arrivals) {
            while (arrived < count) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(arrivals, left);
            }
            return true;
        }
    }

    /** The HTTP requests received so far, in order of arrival. */
    public List<Request> received() {
        return List.copyOf(received);
    }

    /** How many different client connections the HTTP requests came over. */
    public int connections() {
        return clientPorts.size();
    }

    @Override
    public void close() {
        closing.countDown();
        gate.countDown();
        if (server != null) {
            server.stop(0);
        }
        if (blackHole != null) {
            closeQuietly(blackHole);
        }
        heldSockets.forEach(FakePeer::closeQuietly);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            record(exchange);
            if (!gate.await(30, TimeUnit.SECONDS)) {
                return;
            }
            String path = exchange.getRequestURI().getPath().substring(CONTEXT.length() + 1);
            Image image = images.get(path);
            Mode now = mode;
            if (now == Mode.SERVER_ERROR) {
                sendText(exchange, 503, "peer failing on purpose");
            } else if (image == null || now == Mode.NOT_FOUND) {
                sendText(exchange, 404, "no such image");
            } else {
                sendImage(exchange, image, now);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sendImage(HttpExchange exchange, Image image, Mode now)
            throws IOException, InterruptedException {
        byte[] body = image.bytes();
        String digest = Digest.of(body).base64();
        if (now == Mode.SLOW_FIRST_BYTE && closing.await(delay.toMillis(), TimeUnit.MILLISECONDS)) {
            return;
        }
        if (now == Mode.WRONG_DIGEST) {
            digest = Digest.of("other bytes".getBytes(StandardCharsets.UTF_8)).base64();
        }
        if (now != Mode.NO_DIGEST) {
            exchange.getResponseHeaders().add("Repr-Digest", "sha-512=:" + "A".repeat(86) + "==:, sha-256=:" + digest + ":");
        }
        exchange.getResponseHeaders().add("Content-Type", "image/png");
        if (now != Mode.NO_LAST_MODIFIED) {
            exchange.getResponseHeaders().add("Last-Modified", HttpDates.format(image.lastModified()));
        }
        exchange.sendResponseHeaders(200, now == Mode.CHUNKED ? 0 : body.length);
        OutputStream out = exchange.getResponseBody();
        if (now == Mode.TRUNCATED) {
            out.write(body, 0, body.length / 2);
            out.flush();
            // Closing the exchange short of the announced length drops the connection.
            return;
        }
        if (now == Mode.ALTERED) {
            body = body.clone();
            body[body.length / 2] ^= 0x01;
        }
        if (now == Mode.SLOW_BODY) {
            trickle(out, body);
            return;
        }
        out.write(body);
    }

    private void trickle(OutputStream out, byte[] body) throws IOException, InterruptedException {
        for (byte b : body) {
            out.write(b);
            out.flush();
            if (closing.await(delay.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
        }
    }

    private void record(HttpExchange exchange) {
        Map<String, List<String>> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        received.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), headers));
        clientPorts.add(exchange.getRemoteAddress().getPort());
        arrive();
    }

    private void arrive() {
        synchronized (arrivals) {
            arrived++;
            arrivals.notifyAll();
        }
    }

    private static void sendText(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private void fillQueue() throws IOException {
        for (int i = 0; i < 16; i++) {
            Socket socket = new Socket();
            heldSockets.add(socket);
            try {
                socket.connect(blackHole.getLocalSocketAddress(), 200);
            } catch (SocketTimeoutException e) {
                return;
            }
        }
        throw new IllegalStateException("listen queue never filled; connect timeouts cannot be provoked here");
    }

    private void swallowConnections() {
        while (!blackHole.isClosed()) {
            try {
                Socket socket = blackHole.accept();
                heldSockets.add(socket);
                arrive();
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // Closing at the end of a test: nothing is left to do about it.
        }
    }
}
