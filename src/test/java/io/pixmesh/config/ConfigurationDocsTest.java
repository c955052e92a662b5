package io.pixmesh.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** docs/configuration.md is the operator's reference: it must list exactly what web.xml defines. */
class ConfigurationDocsTest {

    private static final Pattern ROW = Pattern.compile("^\\| `(pixmesh\\.[^`]+)` \\| (.+?) \\| .+\\|$", Pattern.MULTILINE);

    @Test
    void everyWebXmlDefaultIsDocumentedWithTheSameValue() throws Exception {
        Map<String, String> documented = documentedDefaults();
        Map<String, String> defaults = webXmlDefaults();

        assertThat(documented).isEqualTo(defaults);
    }

    /** Every parameter the reader asks for has a default in web.xml, or start-up would fail. */
    @Test
    void theDefaultsAloneAreAValidConfigurationOnceTheStoreIsNamed(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Map<String, String> params = new LinkedHashMap<>(webXmlDefaults());
        params.put(ConfigReader.STORE_DIR, dir.toString());

        PixmeshConfig config = ConfigReader.read(params::get, dir.resolve("state"), "img-01.example.net");

        assertThat(config.node()).isEqualTo("img-01");
        assertThat(config.cacheDir()).isEqualTo(dir.resolve("state"));
    }

    private static Map<String, String> documentedDefaults() throws Exception {
        Map<String, String> documented = new LinkedHashMap<>();
        Matcher row = ROW.matcher(Files.readString(Path.of("docs/configuration.md")));
        while (row.find()) {
            String cell = row.group(2);
            documented.put(row.group(1), cell.equals("(empty)") ? "" : cell.replaceAll("^`|`$", ""));
        }
        return documented;
    }

    private static Map<String, String> webXmlDefaults() throws Exception {
        Document webXml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(Path.of("src/main/webapp/WEB-INF/web.xml").toFile());
        NodeList params = webXml.getElementsByTagName("context-param");
        Map<String, String> defaults = new LinkedHashMap<>();
        for (int i = 0; i < params.getLength(); i++) {
            Element param = (Element) params.item(i);
            defaults.put(text(param, "param-name"), text(param, "param-value"));
        }
        return defaults;
    }

    private static String text(Element parent, String tag) {
        return parent.getElementsByTagName(tag).item(0).getTextContent().trim();
    }
}
