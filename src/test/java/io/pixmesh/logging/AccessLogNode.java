package io.pixmesh.logging;

import io.pixmesh.testing.NodeProcess;
import io.pixmesh.testing.TestStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;

/**
 * Starts a Pixmesh node ({@link NodeProcess}) whose access log goes to a test directory, written
 * by the Logback configuration inside the built WAR.
 *
 * <p>The node's JVM has the test classpath, whose {@code logback-test.xml} the web application
 * would find first (Logback looks for it before {@code logback.xml}, and Tomcat's class loader
 * asks the parent for what the WAR lacks). So the WAR's own file is named explicitly with
 * {@code logback.configurationFile}, as an operator names theirs.
 */
final class AccessLogNode {

    private AccessLogNode() {
    }

    /** The access log's directory for a test: {@code target/it/<name>/logs}, created empty. */
    static Path logDir(String name) throws IOException {
        return Files.createDirectories(Path.of("target", "it", name, "logs").toAbsolutePath());
    }

    static NodeProcess start(String name, int port, TestStore store, Path logDir, Map<String, String> settings,
            List<String> jvmOptions) throws Exception {
        Map<String, String> all = new java.util.LinkedHashMap<>(settings);
        all.put("pixmesh.store.dir", store.store().toString());
        all.put("pixmesh.cache.dir", store.cache().toString());
        List<String> options = new ArrayList<>(jvmOptions);
        options.add("-Dlogback.configurationFile=" + warLogbackXml(logDir.getParent()));
        options.add("-Dpixmesh.log.dir=" + logDir);
        return NodeProcess.start(name, port, all, options);
    }

    /** {@code WEB-INF/classes/logback.xml} of the built WAR, copied into {@code dir}. */
    private static Path warLogbackXml(Path dir) throws IOException {
        Path copy = dir.resolve("war-logback.xml");
        try (ZipFile war = new ZipFile(System.getProperty("pixmesh.war", "target/pixmesh.war"));
                InputStream in = war.getInputStream(war.getEntry("WEB-INF/classes/logback.xml"))) {
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
        }
        return copy;
    }
}
