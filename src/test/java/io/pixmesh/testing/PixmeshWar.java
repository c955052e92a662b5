package io.pixmesh.testing;

import java.io.File;
import java.util.Map;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The WAR that {@code mvn package} built, as an Arquillian deployment with per-test settings in
 * its {@code META-INF/context.xml}: the same way an operator configures a site.
 */
public final class PixmeshWar {

    private PixmeshWar() {
    }

    /** {@code name}.war, deployed at {@code /name}, with {@code params} overriding web.xml. */
    public static WebArchive named(String name, Map<String, String> params) {
        File built = new File(System.getProperty("pixmesh.war", "target/pixmesh.war"));
        if (!built.isFile()) {
            throw new IllegalStateException(built + " is missing: run the integration tests with `mvn verify`");
        }
        WebArchive war = ShrinkWrap.create(ZipImporter.class, name + ".war").importFrom(built).as(WebArchive.class);
        war.delete("META-INF/context.xml");
        return war.addAsManifestResource(new StringAsset(contextXml(params)), "context.xml");
    }

    /**
     * {@code name}.war serving {@code store}'s directories, with {@code settings} on top: the
     * usual shape of a test deployment.
     */
    public static WebArchive serving(String name, TestStore store, Map<String, String> settings) {
        Map<String, String> all = new java.util.LinkedHashMap<>(settings);
        all.put("pixmesh.store.dir", store.store().toString());
        all.put("pixmesh.cache.dir", store.cache().toString());
        return named(name, all);
    }

    /** The loopback port Arquillian's Tomcat listens on (reserved by the build). */
    public static int port() {
        return Integer.getInteger("pixmesh.test.port");
    }

    private static String contextXml(Map<String, String> params) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Context>\n");
        params.forEach((name, value) -> xml.append("  <Parameter name=\"").append(escape(name))
                .append("\" value=\"").append(escape(value)).append("\" override=\"false\"/>\n"));
        return xml.append("</Context>\n").toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
