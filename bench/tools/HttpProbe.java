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

/**
 * A minimal HTTP/1.1 client on raw keep-alive sockets, for what wrk cannot do:
 *
 * <pre>
 *   prime  PORT CONNECTIONS PREFIX LISTFILE   GET each path of LISTFILE once (PREFIX + path)
 *   single PORT WARMPATH PATH...              one connection, warmed with WARMPATH, then each
 *                                             PATH in turn; one line per request
 *   burst  PORT N WARMPATH PATH               N connections, each warmed with WARMPATH, then all
 *                                             N send PATH at the same instant
 * </pre>
 *
 * Prints {@code REQ status=.. us=..} per measured request and a {@code SUMMARY} line. Latency
 * is from just before the request is written to the last body byte read.
 */
public final class HttpProbe {

    record Answer(int status, long micros) {
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

    static void burst(int port, int n, String warm, String path) throws Exception {
        List<Conn> conns = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Conn conn = new Conn(port);
            conn.exchange(warm);
            conns.add(conn);
        }
        CountDownLatch ready = new CountDownLatch(n);
        CountDownLatch go = new CountDownLatch(1);
        ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (Conn conn : conns) {
            Thread t = new Thread(() -> {
                try {
                    ready.countDown();
                    go.await();
                    answers.add(conn.exchange(path));
                } catch (IOException | InterruptedException e) {
                    answers.add(new Answer(-1, -1));
                }
            });
            t.start();
            threads.add(t);
        }
        ready.await();
        Thread.sleep(50);
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        for (Conn conn : conns) {
            conn.close();
        }
        List<Long> micros = new ArrayList<>();
        for (Answer a : answers) {
            System.out.printf("REQ status=%d us=%d%n", a.status(), a.micros());
            micros.add(a.micros());
        }
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
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String head = readHead(in);
            int status = Integer.parseInt(head.substring(9, 12));
            long length = 0;
            boolean chunked = false;
            for (String line : head.split("\r\n")) {
                String lower = line.toLowerCase();
                if (lower.startsWith("content-length:")) {
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
            return new Answer(status, (System.nanoTime() - start) / 1000);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed in the header");
            }
            head.append((char) b);
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
