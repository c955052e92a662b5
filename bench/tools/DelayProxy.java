import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A TCP relay on loopback that delays every byte by a fixed one-way time in each direction, so
 * that a peer on the same machine answers as if it were a WAN round trip away:
 *
 * <pre>  DelayProxy LISTEN_PORT TARGET_PORT ONE_WAY_MS</pre>
 *
 * Each chunk read is stamped and written once its time has come, in order; bandwidth is not
 * limited. Connection set-up costs one round trip too (the relay connects to the target only
 * after the delay). Runs until killed.
 */
public final class DelayProxy {

    private record Chunk(long dueNanos, byte[] bytes) {
    }

    /** Written after the last chunk of a direction: close that direction's output. */
    private static final Chunk END = new Chunk(0, new byte[0]);

    public static void main(String[] args) throws IOException {
        int listen = Integer.parseInt(args[0]);
        int target = Integer.parseInt(args[1]);
        long delayNanos = TimeUnit.MILLISECONDS.toNanos(Long.parseLong(args[2]));
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(listen, 128, loopback)) {
            while (true) {
                Socket client = server.accept();
                daemon(() -> relay(client, new InetSocketAddress(loopback, target), delayNanos));
            }
        }
    }

    private static void relay(Socket client, InetSocketAddress target, long delayNanos) {
        try {
            sleepUntil(System.nanoTime() + 2 * delayNanos);
            Socket upstream = new Socket();
            upstream.connect(target);
            client.setTcpNoDelay(true);
            upstream.setTcpNoDelay(true);
            direction(client, upstream, delayNanos);
            direction(upstream, client, delayNanos);
        } catch (IOException e) {
            close(client);
        }
    }

    /** Copies {@code from} to {@code to}, each chunk {@code delayNanos} after it was read. */
    private static void direction(Socket from, Socket to, long delayNanos) {
        BlockingQueue<Chunk> chunks = new LinkedBlockingQueue<>();
        daemon(() -> {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = from.getInputStream()) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    chunks.add(new Chunk(System.nanoTime() + delayNanos, Arrays.copyOf(buffer, n)));
                }
            } catch (IOException e) {
                // the connection ended; pass that on after what was read
            }
            chunks.add(END);
        });
        daemon(() -> {
            try {
                OutputStream out = to.getOutputStream();
                for (Chunk chunk = chunks.take(); chunk != END; chunk = chunks.take()) {
                    sleepUntil(chunk.dueNanos());
                    out.write(chunk.bytes());
                    out.flush();
                }
                to.shutdownOutput();
            } catch (IOException | InterruptedException e) {
                close(to);
                close(from);
            }
        });
    }

    private static void daemon(Runnable task) {
        Thread thread = new Thread(task);
        thread.setDaemon(true);
        thread.start();
    }

    private static void sleepUntil(long dueNanos) {
        for (long left = dueNanos - System.nanoTime(); left > 0; left = dueNanos - System.nanoTime()) {
            try {
                TimeUnit.NANOSECONDS.sleep(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
