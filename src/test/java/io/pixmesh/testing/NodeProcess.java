package io.pixmesh.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A Pixmesh node in a JVM of its own ({@link NodeMain}): a real Tomcat 11 with the built WAR at
 * {@code /images} on a free loopback port. Closing it stops it gracefully (SIGTERM); {@link #kill}
 * ends it at once (SIGKILL), as a crash would. Its output goes to {@code target/nodes/<name>.log}.
 */
public final class NodeProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final String name;
    private final int port;
    private final Process process;

    private NodeProcess(String name, int port, Process process) {
        this.name = name;
        this.port = port;
        this.process = process;
    }

    /**
     * Starts a node and waits until {@code /images/-/health} answers 200.
     *
     * @param settings context parameters, as in an operator's context file
     * @param jvmOptions extra JVM options (system properties, heap size)
     */
    public static NodeProcess start(String name, int port, Map<String, String> settings, List<String> jvmOptions)
            throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "nodes").toAbsolutePath());
        Path settingsFile = dir.resolve(name + ".properties");
        Properties properties = new Properties();
        properties.putAll(settings);
        try (Writer out = Files.newBufferedWriter(settingsFile)) {
            properties.store(out, "settings of node " + name);
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-Djava.io.tmpdir=" + dir);
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), NodeMain.class.getName(),
                Integer.toString(port), System.getProperty("pixmesh.war", "target/pixmesh.war"),
                settingsFile.toString(), dir.resolve(name + "-base").toString()));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(name + ".log").toFile()))
                .start();
        NodeProcess node = new NodeProcess(name, port, process);
        node.awaitHealthy();
        return node;
    }

    /**
     * The settings of a site's node {@code n1} serving {@code store}, with small cache tiers (a
     * test machine runs several nodes), filling from {@code peers} with {@code secret}. Mutable:
     * add what a test needs.
     */
    public static Map<String, String> siteSettings(String site, TestStore store, String peers, String secret) {
        Map<String, String> settings = new java.util.HashMap<>();
        settings.put("pixmesh.site", site);
        settings.put("pixmesh.node", "n1");
        settings.put("pixmesh.store.dir", store.store().toString());
        settings.put("pixmesh.cache.dir", store.cache().toString());
        settings.put("pixmesh.cache.offheapMB", "16");
        settings.put("pixmesh.cache.diskMB", "32");
        settings.put("pixmesh.peers", peers);
        settings.put("pixmesh.peer.secret", secret);
        return settings;
    }

    /** A free loopback port, for a node about to start. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    /** The node's image base URL, as a peer list names it. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port + "/images";
    }

    public HttpExchange.Response get(String path) throws IOException {
        return HttpExchange.get("/images" + path).send(port);
    }

    /** Ends the node at once, as a crash or SIGKILL would: no shutdown hook runs. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        try {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void awaitHealthy() throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("node " + name + " exited with " + process.exitValue()
                        + "; see target/nodes/" + name + ".log");
            }
            try {
                if (get("/-/health").status() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // The connector is not up yet.
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException("node " + name + " not healthy within " + START_TIMEOUT);
    }
}
