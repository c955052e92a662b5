package io.pixmesh;

import io.pixmesh.config.ConfigException;
import io.pixmesh.config.ConfigReader;
import io.pixmesh.config.PixmeshConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the settings, builds the {@link Pixmesh} graph and publishes it. Bad settings stop the
 * deployment: serving wrongly is worse than not serving, and the load balancer's health check
 * then keeps traffic away from this node.
 */
public final class PixmeshListener implements ServletContextListener {

    private static final Logger log = LoggerFactory.getLogger(PixmeshListener.class);

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        PixmeshConfig config;
        try {
            config = ConfigReader.read(context::getInitParameter, workDir(context).resolve("pixmesh"), hostName());
        } catch (ConfigException e) {
            log.error(e.getMessage());
            throw e;
        }
        Pixmesh pixmesh;
        try {
            pixmesh = Pixmesh.start(config);
        } catch (IOException e) {
            log.error("Pixmesh cannot start: {}", e.toString());
            throw new UncheckedIOException(e);
        }
        context.setAttribute(Pixmesh.ATTRIBUTE, pixmesh);
        log.info("Pixmesh {}.{} boot {} serving {} (state in {})",
                config.site(), config.node(), pixmesh.boot(), config.storeDir(), config.cacheDir());
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        Object graph = event.getServletContext().getAttribute(Pixmesh.ATTRIBUTE);
        if (graph instanceof Pixmesh pixmesh) {
            event.getServletContext().removeAttribute(Pixmesh.ATTRIBUTE);
            pixmesh.close();
        }
    }

    /** The container's private work directory for this application (kept across restarts). */
    private static Path workDir(ServletContext context) {
        Object dir = context.getAttribute(ServletContext.TEMPDIR);
        return dir instanceof File file ? file.toPath() : Path.of(System.getProperty("java.io.tmpdir"));
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "node";
        }
    }
}
