package io.pixmesh.logging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The rsyslogd of this machine, for tests that run the shipped relay and collector configs. A
 * test without it is skipped with the reason, unless {@code -Dpixmesh.require.rsyslog=true}
 * (CI) makes that a failure.
 */
final class Rsyslog {

    static final Path RELAY_CONF = Path.of("webapp-config/rsyslog/relay.conf").toAbsolutePath();
    static final Path COLLECTOR_CONF = Path.of("webapp-config/rsyslog/collector.conf").toAbsolutePath();

    /**
     * Every module the shipped configs load, in a config that passes {@code -N1} when they all
     * load (imfile wants a state directory and a file to watch; every config needs an action).
     */
    private static final String MODULES = """
            module(load="imfile" statefile.directory="%s")
            module(load="omrelp")
            module(load="imrelp")
            module(load="mmjsonparse")
            input(type="imfile" file="/nonexistent/pixmesh-probe.log" tag="probe")
            action(type="omfile" file="/dev/null")
            """;

    private Rsyslog() {
    }

    /** The rsyslogd binary, when it is installed with every module the configs need. */
    static Path require() {
        Optional<Path> binary = binary();
        String missing = binary.isEmpty()
                ? "rsyslogd is not installed (apt-get install rsyslog rsyslog-relp)"
                : missingModules(binary.get());
        if (missing != null) {
            if (Boolean.getBoolean("pixmesh.require.rsyslog")) {
                throw new IllegalStateException(missing + "; required by -Dpixmesh.require.rsyslog=true");
            }
            Assumptions.abort(missing + "; skipping (-Dpixmesh.require.rsyslog=true makes this a failure)");
        }
        return binary.get();
    }

    /** Runs {@code rsyslogd -N1} on {@code conf}: the exit status and what it printed. */
    static CheckResult check(Path binary, Path conf, Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(binary.toString(), "-N1", "-f", conf.toString())
                .redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("rsyslogd -N1 did not finish in 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return new CheckResult(process.exitValue(), output);
    }

    record CheckResult(int exitValue, String output) {
    }

    private static Optional<Path> binary() {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(List.of("/usr/sbin", "/sbin", "/usr/local/sbin"));
        return dirs.stream().filter(dir -> !dir.isEmpty()).map(dir -> Path.of(dir, "rsyslogd"))
                .filter(Files::isExecutable).findFirst();
    }

    /** Null when rsyslogd loads every module; otherwise what it said. */
    private static String missingModules(Path binary) {
        try {
            Path conf = Files.createTempFile("rsyslog-modules", ".conf");
            try {
                Files.writeString(conf, MODULES.formatted(conf.getParent()));
                CheckResult result = check(binary, conf, Map.of());
                return result.exitValue() == 0 ? null
                        : "rsyslogd cannot load imfile, omrelp, imrelp and mmjsonparse (rsyslog-relp missing?): "
                                + Stream.of(result.output().split("\n")).filter(l -> l.contains("could not load"))
                                        .findFirst().orElse(result.output().strip());
            } finally {
                Files.delete(conf);
            }
        } catch (IOException e) {
            return "rsyslogd cannot be run: " + e.getMessage();
        }
    }
}
