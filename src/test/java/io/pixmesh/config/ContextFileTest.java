package io.pixmesh.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;

/** The operator's example context file names every setting web.xml defines, and nothing else. */
class ContextFileTest {

    @Test
    void theExampleContextFileListsEverySetting() throws Exception {
        Path contextFile = Path.of("webapp-config/tomcat/images.xml");
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(contextFile.toFile());

        assertThat(names(Files.readString(contextFile), "<Parameter name=\"(pixmesh\\.[^\"]+)\""))
                .isEqualTo(names(Files.readString(Path.of("src/main/webapp/WEB-INF/web.xml")), "<param-name>(pixmesh\\.[^<]+)</param-name>"));
    }

    private static Set<String> names(String text, String regex) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = Pattern.compile(regex).matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }
}
