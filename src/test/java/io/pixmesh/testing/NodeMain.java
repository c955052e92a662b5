package io.pixmesh.testing;

import java.io.FileReader;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.ApplicationParameter;

/**
 * A Tomcat 11 node of its own, in its own JVM, serving the built WAR at {@code /images} on a
 * loopback port: what {@link NodeProcess} starts, so that tests can run several sites at once
 * and kill one with SIGKILL. Settings arrive as a properties file and are applied as context
 * parameters that override {@code web.xml}, exactly like an operator's context file.
 *
 * <p>Arguments: port, WAR path, settings file, base directory.
 */
public final class NodeMain {

    private NodeMain() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path war = Path.of(args[1]);
        Properties settings = new Properties();
        try (Reader in = new FileReader(args[2])) {
            settings.load(in);
        }
        Path base = Files.createDirectories(Path.of(args[3]));

        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        Connector connector = new Connector();
        connector.setPort(port);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        tomcat.getHost().setAppBase(Files.createDirectories(base.resolve("webapps")).toString());
        Context context = tomcat.addWebapp("/images", war.toAbsolutePath().toString());
        for (String name : settings.stringPropertyNames()) {
            ApplicationParameter parameter = new ApplicationParameter();
            parameter.setName(name);
            parameter.setValue(settings.getProperty(name));
            parameter.setOverride(false);
            context.addApplicationParameter(parameter);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                tomcat.stop();
                tomcat.destroy();
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }));
        tomcat.start();
        stopped.await();
    }
}
