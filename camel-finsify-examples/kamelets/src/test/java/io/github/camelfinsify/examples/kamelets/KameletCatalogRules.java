package io.github.camelfinsify.examples.kamelets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.apache.camel.catalog.CamelCatalog;
import org.apache.camel.catalog.DefaultCamelCatalog;
import org.apache.camel.tooling.model.ArtifactModel;

/**
 * The rules apache/camel-kamelets' validator ({@code script/validator}) enforces on the Kamelets of its catalog, for a
 * directory of {@code *.kamelet.yaml} files. One rule is left out: the catalog's {@code camel.apache.org/provider}
 * must be "Apache Software Foundation", which only the ASF's own Kamelets can claim; here the provider must be set.
 * Dependencies are found as Camel K finds them (the URIs of from/to/toD/wireTap, the data formats of
 * marshal/unmarshal, the languages named as keys), with Camel's catalog naming each one's artifact.
 */
final class KameletCatalogRules {

    private static final Pattern PARAMETER = Pattern.compile("\\{\\{[?]?([A-Za-z0-9-._]+)(?::[^}]*)?}}");
    private static final Set<String> TYPES = Set.of("source", "sink", "action");
    private static final Set<String> URI_KEYS = Set.of("from", "to", "toD", "to-d", "wireTap", "wire-tap");
    /** English stop words, which titles may keep in lower case. */
    private static final Set<String> STOP_WORDS = Set.of("a", "an", "and", "as", "at", "by", "for", "from", "in",
            "into", "of", "on", "or", "per", "the", "to", "with");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final CamelCatalog catalog = new DefaultCamelCatalog();
    private final String finsifyDependency;
    private final String catalogVersion;

    /**
     * @param finsifyDependency the dependency the finsify component must be listed as,
     *                          {@code mvn:io.github.camelfinsify:camel-finsify:<version>}
     * @param catalogVersion    the version {@code camel.apache.org/catalog.version} must have: the project's
     */
    KameletCatalogRules(String finsifyDependency, String catalogVersion) {
        this.finsifyDependency = finsifyDependency;
        this.catalogVersion = catalogVersion;
    }

    /** Every rule broken by the Kamelets of the directory, one message each; empty when all pass. */
    List<String> violations(Path directory) throws IOException {
        List<String> errors = new ArrayList<>();
        Map<String, String> titles = new HashMap<>();
        Map<String, String> descriptions = new HashMap<>();
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(f -> f.getFileName().toString().endsWith(".kamelet.yaml")).sorted().toList();
        }
        if (files.isEmpty()) {
            errors.add("directory " + directory + " has no Kamelets");
        }
        for (Path file : files) {
            JsonNode kamelet = YAML.readTree(file.toFile());
            String name = kamelet.path("metadata").path("name").asText();
            verifyFileName(file, name, errors);
            verifyType(kamelet, name, errors);
            verifyDefinition(kamelet, name, errors);
            verifyAnnotations(kamelet, name, errors);
            verifyDescriptors(kamelet, name, errors);
            verifyDependencies(kamelet, name, errors);
            verifyUsedParameters(kamelet, name, errors);
            JsonNode definition = kamelet.path("spec").path("definition");
            unique("title", definition.path("title").asText(), name, titles, errors);
            unique("description", definition.path("description").asText(), name, descriptions, errors);
        }
        return errors;
    }

    private static void verifyFileName(Path file, String name, List<String> errors) {
        String fileName = file.getFileName().toString();
        if (!fileName.equals(name + ".kamelet.yaml")) {
            errors.add("file " + fileName + " does not match the name of the contained kamelet: " + name);
        }
    }

    private static void verifyType(JsonNode kamelet, String name, List<String> errors) {
        String type = type(kamelet);
        if (!TYPES.contains(type)) {
            errors.add("kamelet " + name + " has an invalid camel.apache.org/kamelet.type label: '" + type + "'");
        } else if (!name.endsWith("-" + type)) {
            errors.add("name of kamelet " + name + " does not end with -" + type);
        }
    }

    private static void verifyDefinition(JsonNode kamelet, String name, List<String> errors) {
        JsonNode definition = kamelet.path("spec").path("definition");
        if (definition.isMissingNode()) {
            errors.add("kamelet " + name + " does not contain the JSON schema definition");
            return;
        }
        if (kamelet.path("spec").path("template").isMissingNode()) {
            errors.add("kamelet " + name + " does not contain the template");
        }
        String title = definition.path("title").asText();
        String type = type(kamelet);
        if (title.isEmpty()) {
            errors.add("kamelet " + name + " does not contain a title");
        } else if (TYPES.contains(type) && !title.endsWith(Character.toUpperCase(type.charAt(0)) + type.substring(1))) {
            errors.add("kamelet " + name + " title '" + title + "' does not end with "
                       + Character.toUpperCase(type.charAt(0)) + type.substring(1));
        }
        if (definition.path("description").asText().isEmpty()) {
            errors.add("kamelet " + name + " does not contain a description");
        }
        if (!"object".equals(definition.path("type").asText())) {
            errors.add("kamelet " + name + " does not contain a definition of type object");
        }
        Set<String> required = new HashSet<>();
        for (JsonNode property : definition.path("required")) {
            if (!required.add(property.asText())) {
                errors.add("required property " + property.asText() + " is listed twice in kamelet " + name);
            }
            if (!definition.path("properties").has(property.asText())) {
                errors.add("required property " + property.asText() + " in kamelet " + name + " is not defined");
            }
        }
        definition.path("properties").fields().forEachRemaining(entry -> {
            String property = entry.getKey();
            JsonNode schema = entry.getValue();
            if (schema.path("type").asText().isEmpty()) {
                errors.add("property " + property + " in kamelet " + name + " does not contain a type");
            }
            String propertyTitle = schema.path("title").asText();
            if (propertyTitle.isEmpty()) {
                errors.add("property " + property + " in kamelet " + name + " does not contain a title");
            }
            for (String word : propertyTitle.split(" ")) {
                if (!word.isEmpty() && !STOP_WORDS.contains(word.toLowerCase()) && !Character.isUpperCase(word.charAt(0))) {
                    errors.add("property " + property + " in kamelet " + name + " has a non-capitalized word in its "
                               + "title: " + word);
                }
            }
            for (String article : List.of("The ", "A ", "An ")) {
                if (propertyTitle.startsWith(article)) {
                    errors.add("property " + property + " in kamelet " + name + " has a title starting with '"
                               + article.trim() + "'");
                }
            }
            if (schema.path("description").asText().isEmpty()) {
                errors.add("property " + property + " in kamelet " + name + " does not contain a description");
            }
        });
    }

    private void verifyAnnotations(JsonNode kamelet, String name, List<String> errors) {
        JsonNode annotations = kamelet.path("metadata").path("annotations");
        if (annotations.path("camel.apache.org/kamelet.icon").asText().isEmpty()) {
            errors.add("kamelet " + name + " does not contain the camel.apache.org/kamelet.icon annotation");
        }
        String version = annotations.path("camel.apache.org/catalog.version").asText();
        if (version.isEmpty()) {
            errors.add("kamelet " + name + " does not contain the camel.apache.org/catalog.version annotation");
        } else if (!version.equals(catalogVersion)) {
            errors.add("kamelet " + name + " has camel.apache.org/catalog.version " + version
                       + ", not the project's version " + catalogVersion);
        }
        if (annotations.path("camel.apache.org/provider").asText().isEmpty()) {
            errors.add("kamelet " + name + " does not contain the camel.apache.org/provider annotation");
        }
    }

    private static void verifyDescriptors(JsonNode kamelet, String name, List<String> errors) {
        kamelet.path("spec").path("definition").path("properties").fields().forEachRemaining(entry -> {
            boolean password = "password".equals(entry.getValue().path("format").asText());
            boolean credentials = false;
            for (JsonNode descriptor : entry.getValue().path("x-descriptors")) {
                credentials |= "urn:camel:group:credentials".equals(descriptor.asText());
            }
            if (password && !credentials) {
                errors.add("property " + entry.getKey() + " in kamelet " + name
                           + " has password format but misses descriptor urn:camel:group:credentials");
            }
        });
    }

    private void verifyDependencies(JsonNode kamelet, String name, List<String> errors) {
        Set<String> listed = new HashSet<>();
        kamelet.path("spec").path("dependencies").forEach(d -> listed.add(d.asText()));
        Set<String> needed = new TreeSet<>();
        collectDependencies("template", kamelet.path("spec").path("template"), needed);
        for (String dependency : needed) {
            if (!listed.contains(dependency)) {
                errors.add("kamelet " + name + " needs dependency " + dependency);
            }
        }
    }

    /** The dependencies a template needs, as Camel K's YAML inspector extracts them. */
    private void collectDependencies(String key, JsonNode node, Set<String> needed) {
        if (node.isArray()) {
            node.forEach(element -> collectDependencies(key, element, needed));
            return;
        }
        if (URI_KEYS.contains(key)) {
            String uri = node.isTextual() ? node.asText() : node.path("uri").asText();
            if (uri.contains(":")) {
                needed.add(componentDependency(uri.substring(0, uri.indexOf(':'))));
            }
        }
        if (("marshal".equals(key) || "unmarshal".equals(key)) && node.isObject()) {
            node.fieldNames().forEachRemaining(format -> {
                String library = "json".equals(format) ? node.path(format).path("library").asText("jackson") : format;
                ArtifactModel<?> model = catalog.dataFormatModel(library.toLowerCase());
                if (model != null) {
                    needed.add(camelDependency(model));
                }
            });
        }
        if (node.isObject() && !"parameters".equals(key)) {
            node.fields().forEachRemaining(child -> {
                ArtifactModel<?> language = catalog.languageModel(child.getKey());
                if (language != null) {
                    needed.add(camelDependency(language));
                }
                collectDependencies(child.getKey(), child.getValue(), needed);
            });
        }
    }

    private String componentDependency(String scheme) {
        if ("finsify".equals(scheme)) {
            return finsifyDependency;
        }
        ArtifactModel<?> component = catalog.componentModel(scheme);
        return component != null ? camelDependency(component) : "unknown component " + scheme;
    }

    /** Camel K's name of a Camel artifact: camel:jackson for camel-jackson; the core languages are camel:core. */
    private static String camelDependency(ArtifactModel<?> model) {
        String artifact = model.getArtifactId();
        if (artifact.startsWith("camel-core") || artifact.equals("camel-base")) {
            return "camel:core";
        }
        return "camel:" + artifact.substring("camel-".length());
    }

    private static void verifyUsedParameters(JsonNode kamelet, String name, List<String> errors) {
        Set<String> used = new TreeSet<>();
        collectParameters(kamelet.path("spec").path("template"), used);
        Set<String> declared = new TreeSet<>();
        kamelet.path("spec").path("definition").path("properties").fieldNames().forEachRemaining(declared::add);
        kamelet.path("spec").path("template").path("beans").forEach(bean -> declared.add(bean.path("name").asText()));
        for (String parameter : used) {
            if (!declared.contains(parameter)) {
                errors.add("parameter " + parameter + " is not declared in the definition of kamelet " + name);
            }
        }
        for (String parameter : declared) {
            if (!used.contains(parameter)) {
                errors.add("parameter " + parameter + " is declared in kamelet " + name + " but never used");
            }
        }
    }

    private static void collectParameters(JsonNode node, Set<String> used) {
        if (node.isTextual()) {
            Matcher matcher = PARAMETER.matcher(node.asText());
            while (matcher.find()) {
                used.add(matcher.group(1));
            }
        }
        node.forEach(child -> collectParameters(child, used));
    }

    private static void unique(String what, String value, String name, Map<String, String> seen, List<String> errors) {
        String other = seen.putIfAbsent(value, name);
        if (other != null) {
            errors.add("kamelet " + name + " has the same " + what + " as kamelet " + other + ": " + value);
        }
    }

    private static String type(JsonNode kamelet) {
        return kamelet.path("metadata").path("labels").path("camel.apache.org/kamelet.type").asText();
    }
}
