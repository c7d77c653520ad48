package io.github.camelfinsify.docs;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reference page's tables are rendered from the generated {@code finsify.json}: this test fails when the page is
 * stale. Run it with {@code -Dfinsify.docs.update=true} to rewrite the tables in place.
 */
class ComponentDocTest {

    private static final Path PAGE = Path.of("..", "docs", "finsify-component.adoc");

    @Test
    void referencePageTablesMatchTheGeneratedMetadata() throws Exception {
        JsonNode json;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/io/github/camelfinsify/finsify.json")) {
            json = new ObjectMapper().readTree(in);
        }
        String page = Files.readString(PAGE, StandardCharsets.UTF_8);
        String expected = page;
        List<String> stale = new ArrayList<>();
        for (String section : ComponentDocRenderer.SECTIONS.keySet()) {
            String start = "// " + section + ": START\n";
            String end = "// " + section + ": END";
            int from = expected.indexOf(start);
            int to = expected.indexOf(end);
            assertThat(from).as("marker %s in %s", start.trim(), PAGE).isNotNegative();
            assertThat(to).as("marker %s in %s", end, PAGE).isGreaterThan(from);
            String rendered = ComponentDocRenderer.render(json, section);
            if (!expected.substring(from + start.length(), to).equals(rendered)) {
                stale.add(section);
            }
            expected = expected.substring(0, from + start.length()) + rendered + expected.substring(to);
        }
        if (Boolean.getBoolean("finsify.docs.update") && !stale.isEmpty()) {
            Files.writeString(PAGE, expected, StandardCharsets.UTF_8);
            return;
        }
        assertThat(stale)
                .as("stale tables in docs/finsify-component.adoc; run: mvn -pl camel-finsify test "
                    + "-Dtest=ComponentDocTest -Dfinsify.docs.update=true")
                .isEmpty();
    }
}
