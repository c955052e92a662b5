import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A minimal HTTP/1.1 client on raw keep-alive sockets, for what wrk cannot do:
 *
 * <pre>
 *   prime  PORT CONNECTIONS PREFIX LISTFILE   GET each path of LISTFILE once (PREFIX + path)
 *   single PORT WARMPATH PATH...              one connection, warmed with WARMPATH, then each
 *                                             PATH in turn; one line per request
 *   burst  PORT N WARMPATH PATH               N connections, each warmed with WARMPATH, then
 *                                             PATH sent on all N at once (see burst())
 * </pre>
 *
 * Prints {@code REQ status=.. us=..} per measured request and a {@code SUMMARY} line. Latency
 * is from just before the request is written to the last body byte read.
 */
public final class HttpProbe {

    record Answer(int status, long micros) {
    }

    record Response(int status, String cacheStatus) {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[1]);
        switch (args[0]) {
            case "prime" -> prime(port, Integer.parseInt(args[2]), args[3], Files.readAllLines(Path.of(args[4])));
            case "single" -> single(port, args[2], Arrays.asList(args).subList(3, args.length));
            case "burst" -> burst(port, Integer.parseInt(args[2]), args[3], args[4]);
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static void prime(int port, int connections, String prefix, List<String> paths) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger bad = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            Thread thread = new Thread(() -> {
                try (Conn conn = new Conn(port)) {
                    for (int i; (i = next.getAndIncrement()) < paths.size(); ) {
                        if (conn.exchange(prefix + paths.get(i)).status() != 200) {
                            bad.incrementAndGet();
                        }
                    }
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread t : threads) {
            t.join();
        }
        System.out.printf("SUMMARY primed=%d not200=%d seconds=%.1f%n", paths.size(), bad.get(),
                (System.nanoTime() - start) / 1e9);
    }

    static void single(int port, String warm, List<String> paths) throws IOException {
        List<Long> micros = new ArrayList<>();
        try (Conn conn = new Conn(port)) {
            conn.exchange(warm);
            for (String path : paths) {
                Answer answer = conn.exchange(path);
                System.out.printf("REQ status=%d us=%d path=%s%n", answer.status(), answer.micros(), path);
                micros.add(answer.micros());
            }
        }
        summary(micros);
    }

    /**
     * N warmed connections, a reader thread blocked on each; then one thread writes the request
     * on every connection in a tight loop (all N are out within about a millisecond, far less
     * than one fill), and each reader times its answer from the moment its request was written.
     */
    static void burst(int port, int n, String warm, String path) throws Exception {
        List<Conn> conns = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            conns.add(new Conn(port));
        }
        // Several exchanges per connection, so that this JVM's sending code is compiled and the
        // burst goes out fast.
        for (int round = 0; round < 5; round++) {
            for (Conn conn : conns) {
                conn.exchange(warm);
            }
        }
        AtomicLongArray sentAt = new AtomicLongArray(n);
        ConcurrentLinkedQueue<String> answers = new ConcurrentLinkedQueue<>();
        CountDownLatch reading = new CountDownLatch(n);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Conn conn = conns.get(i);
            int index = i;
            Thread t = new Thread(() -> {
                try {
                    reading.countDown();
                    Response response = conn.read();
                    long micros = (System.nanoTime() - sentAt.get(index)) / 1000;
                    answers.add(String.format("REQ status=%d us=%d cache-status=%s", response.status(), micros,
                            response.cacheStatus().replace(' ', '_')));
                } catch (IOException e) {
                    answers.add("REQ status=-1 us=-1 error=" + e);
                }
            });
            t.start();
            threads.add(t);
        }
        reading.await();
        Thread.sleep(500); // lets this JVM's compiler threads go quiet first

        for (int i = 0; i < n; i++) {
            sentAt.set(i, System.nanoTime());
            conns.get(i).send(path);
        }
        long spread = (System.nanoTime() - sentAt.get(0)) / 1000;
        for (Thread t : threads) {
            t.join();
        }
        for (Conn conn : conns) {
            conn.close();
        }
        List<Long> micros = new ArrayList<>();
        int collapsed = 0;
        for (String a : answers) {
            System.out.println(a);
            micros.add(Long.parseLong(a.replaceAll(".* us=(-?[0-9]+).*", "$1")));
            collapsed += a.contains("collapsed") ? 1 : 0;
        }
        System.out.printf("SENT spread_us=%d collapsed=%d%n", spread, collapsed);
        summary(micros);
    }

    static void summary(List<Long> micros) {
        long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("SUMMARY n=%d p50_us=%d p99_us=%d max_us=%d%n", sorted.length,
                rank(sorted, 0.50), rank(sorted, 0.99), sorted[sorted.length - 1]);
    }

    /** Nearest-rank percentile. */
    static long rank(long[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** One keep-alive connection; its input is buffered, so reads cost no system call a byte. */
    static final class Conn implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        Conn(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setTcpNoDelay(true);
            in = new BufferedInputStream(socket.getInputStream(), 65536);
            out = socket.getOutputStream();
        }

        /** One GET: status, and microseconds to the last body byte. */
        Answer exchange(String path) throws IOException {
            long start = System.nanoTime();
            send(path);
            return new Answer(read().status(), (System.nanoTime() - start) / 1000);
        }

        void send(String path) throws IOException {
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        /** Reads one whole answer. */
        Response read() throws IOException {
            String head = readHead(in);
            int status = Integer.parseInt(head.substring(9, 12));
            long length = 0;
            boolean chunked = false;
            String cacheStatus = "";
            for (String line : head.split("\r\n")) {
                String lower = line.toLowerCase();
                if (lower.startsWith("cache-status:")) {
                    cacheStatus = line.substring(13).trim();
                } else if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(line.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                }
            }
            if (chunked) {
                readChunked(in);
            } else if (status != 304 && status != 204) {
                skip(in, length);
            }
            return new Response(status, cacheStatus);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** The header block, up to and including the empty line; no allocation per byte. */
    static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder(512);
        int matched = 0; // of CR LF CR LF
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed in the header");
            }
            head.append((char) b);
            if (b == '\r') {
                matched = matched == 2 ? 3 : 1;
            } else if (b == '\n') {
                matched = matched == 1 || matched == 3 ? matched + 1 : 0;
            } else {
                matched = 0;
            }
        }
        return head.toString();
    }

    static void readChunked(InputStream in) throws IOException {
        while (true) {
            String line = readLine(in);
            int size = Integer.parseInt(line.split(";")[0].trim(), 16);
            skip(in, size);
            readLine(in);
            if (size == 0) {
                return;
            }
        }
    }

    static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                throw new EOFException();
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    static void skip(InputStream in, long length) throws IOException {
        byte[] buffer = new byte[65536];
        while (length > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, length));
            if (n < 0) {
                throw new EOFException("connection closed in the body");
            }
            length -= n;
        }
    }
}
