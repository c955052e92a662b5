package io.pixmesh.logging;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One rsyslogd of its own, unprivileged, as the shipped service files run it: in the foreground
 * ({@code -n}) with its config, its pid file in its directory, its settings in its environment,
 * its output in {@code <dir>/rsyslogd.out}. It can be stopped (SIGTERM), killed (SIGKILL) and
 * started again.
 */
final class RsyslogInstance implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final Path binary;
    private final Path conf;
    private final Path dir;
    private final Map<String, String> environment;
    private Process process;

    RsyslogInstance(Path binary, Path conf, Path dir, Map<String, String> environment) {
        this.binary = binary;
        this.conf = conf;
        this.dir = dir;
        this.environment = Map.copyOf(environment);
    }

    /** Starts it; waits until its pid file is written (and, when given, until it listens on {@code port}). */
    void start(int port) throws Exception {
        Files.createDirectories(dir);
        Path pidFile = dir.resolve("rsyslogd.pid");
        // A pid file left by a killed instance names a process that is gone, or another one.
        Files.deleteIfExists(pidFile);
        ProcessBuilder builder = new ProcessBuilder(
                        binary.toString(), "-n", "-f", conf.toString(), "-i", pidFile.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("rsyslogd.out").toFile()));
        builder.environment().putAll(environment);
        process = builder.start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!(Files.exists(pidFile) && (port == 0 || listening(port)))) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "rsyslogd exited with " + process.exitValue() + "; see " + dir.resolve("rsyslogd.out"));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("rsyslogd not ready within " + START_TIMEOUT + "; see " + dir.resolve("rsyslogd.out"));
            }
            Thread.sleep(20);
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** SIGKILL, as a crash: nothing is saved. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, as {@code systemctl stop}: waits until it has saved its queues and exited. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("rsyslogd in " + dir + " did not stop within 60 s");
        }
    }

    /** Kills it if it still runs, so that a failed test leaves no rsyslogd behind. */
    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
