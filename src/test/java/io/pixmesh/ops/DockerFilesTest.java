package io.pixmesh.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixmesh.testing.Command;
import io.pixmesh.testing.RequiredTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No Docker engine runs here, so the Docker files are checked for what can be checked: the
 * compose file validates, every file the Dockerfile copies exists, the Tomcat files parse and
 * name only real settings, and each site's gdnsd configuration passes gdnsd's own check.
 */
class DockerFilesTest {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path DOCKER = ROOT.resolve("docker");

    @Test
    void theComposeFileValidates() throws Exception {
        Path compose = RequiredTool.require(Path.of("/usr/bin/docker-compose"), "docker-compose");

        Command check = Command.run(DOCKER, List.of(compose.toString(), "-f", "compose.yaml", "config", "-q"));

        assertThat(check.exitCode()).as(check.output()).isZero();
    }

    @Test
    void everyFileTheDockerfileCopiesExists() throws Exception {
        Matcher copy = Pattern.compile("(?m)^COPY (?!--from)(\\S+)").matcher(Files.readString(DOCKER.resolve("Dockerfile")));
        int copies = 0;
        while (copy.find()) {
            assertThat(ROOT.resolve(copy.group(1))).as("COPY source %s", copy.group(1)).exists();
            copies++;
        }
        assertThat(copies).isGreaterThanOrEqualTo(4);
    }

    @Test
    void theContextFileNamesOnlySettingsThatWebXmlDefines() throws Exception {
        String webXml = Files.readString(ROOT.resolve("src/main/webapp/WEB-INF/web.xml"));
        Matcher parameter = Pattern.compile("<Parameter name=\"([^\"]+)\"").matcher(Files.readString(DOCKER.resolve("tomcat/images.xml")));
        int parameters = 0;
        while (parameter.find()) {
            assertThat(webXml).as("web.xml defines %s", parameter.group(1)).contains("<param-name>" + parameter.group(1) + "</param-name>");
            parameters++;
        }
        assertThat(parameters).isGreaterThanOrEqualTo(4);
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(DOCKER.resolve("tomcat/server.xml").toFile());
    }

    @ParameterizedTest
    @ValueSource(strings = {"lon", "par", "nyc"})
    void eachSitesGdnsdConfigurationPassesCheckconf(String site) throws Exception {
        Path gdnsd = RequiredTool.require(Path.of("/usr/sbin/gdnsd"), "gdnsd");

        Command check = Command.run(DOCKER, List.of(gdnsd.toString(), "-c", DOCKER.resolve("gdnsd").resolve(site).toString(), "checkconf"));

        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output()).doesNotContain("warning:");
    }

    /** The Docker image's connector is the one operators are told to paste: same settings, same values. */
    @Test
    void theDockerConnectorIsTheShippedSnippets() throws Exception {
        Map<String, String> docker = connector(Files.readString(DOCKER.resolve("tomcat/server.xml")));
        Map<String, String> snippet = connector(Files.readString(ROOT.resolve("webapp-config/tomcat/server.xml.snippet")));
        snippet.remove("address");

        assertThat(docker).isEqualTo(snippet).containsEntry("socket.appWriteBufSize", "32768").containsEntry("useSendfile", "true");
    }

    private static Map<String, String> connector(String xml) {
        Matcher element = Pattern.compile("<Connector\\s([^>]*)/>").matcher(xml);
        assertThat(element.find()).isTrue();
        Map<String, String> attributes = new TreeMap<>();
        Matcher attribute = Pattern.compile("([\\w.]+)=\"([^\"]*)\"").matcher(element.group(1));
        while (attribute.find()) {
            attributes.put(attribute.group(1), attribute.group(2));
        }
        return attributes;
    }
}
