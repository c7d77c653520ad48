package io.github.camelfinsify.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** The Kamelets this repository ships ({@code camel-finsify-examples/kamelets}): names, types and properties. */
public final class KameletCatalog {

    /** A declared property: its JSON-schema type and whether the Kamelet gives it a default. */
    public record Property(String type, boolean hasDefault) {
    }

    /** One Kamelet's definition, as a Pipe may use it. */
    public record Kamelet(String name, String type, Map<String, Property> properties, Set<String> required) {
    }

    private final Map<String, Kamelet> kamelets;

    private KameletCatalog(Map<String, Kamelet> kamelets) {
        this.kamelets = kamelets;
    }

    public static KameletCatalog load(Path dir) throws IOException {
        Map<String, Kamelet> kamelets = new HashMap<>();
        YAMLMapper yaml = new YAMLMapper();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".kamelet.yaml")).toList()) {
                JsonNode root = yaml.readTree(file.toFile());
                String name = root.path("metadata").path("name").asText();
                String type = root.path("metadata").path("labels").path("camel.apache.org/kamelet.type").asText();
                JsonNode definition = root.path("spec").path("definition");
                Map<String, Property> properties = new LinkedHashMap<>();
                definition.path("properties").properties().forEach(e -> properties.put(e.getKey(),
                        new Property(e.getValue().path("type").asText("string"), e.getValue().has("default"))));
                Set<String> required = new LinkedHashSet<>();
                definition.path("required").forEach(r -> required.add(r.asText()));
                kamelets.put(name, new Kamelet(name, type, properties, required));
            }
        }
        return new KameletCatalog(kamelets);
    }

    public Optional<Kamelet> find(String name) {
        return Optional.ofNullable(kamelets.get(name));
    }

    public Set<String> names() {
        return kamelets.keySet();
    }
}
