package io.github.camelfinsify.docs;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Checks the Kubernetes resources a page shows for Camel K, without a cluster: the fields of Camel K's {@code Pipe}
 * CRD ({@code camel.apache.org/v1}, {@code pkg/apis/camel/v1/pipe_types.go}) and of a core {@code Secret}, the
 * Kamelets a Pipe refers to (they must be in {@link KameletCatalog}, of the right type, given only properties they
 * declare, with every required one), Camel URIs of {@code uri:} endpoints (resolved by Camel, options included), and
 * that every {@code {{placeholder}}} of a Pipe's properties is defined by a Secret of the page that the Pipe mounts
 * ({@code spec.integration.traits.mount.configs: [secret:NAME]}, keys ending in {@code .properties}).
 * <p>
 * Secrets are remembered for the page, so a Secret block can come before the Pipe that mounts it.
 */
final class CamelKResources {

    private static final Set<String> PIPE_FIELDS = Set.of("apiVersion", "kind", "metadata", "spec");
    private static final Set<String> PIPE_SPEC_FIELDS = Set.of("integration", "source", "sink", "errorHandler",
            "steps", "replicas", "serviceAccountName");
    private static final Set<String> ENDPOINT_FIELDS = Set.of("ref", "uri", "properties", "dataTypes");
    private static final Set<String> REFERENCE_FIELDS = Set.of("kind", "namespace", "name", "uid", "apiVersion",
            "resourceVersion", "fieldPath");
    private static final Set<String> METADATA_FIELDS = Set.of("name", "namespace", "labels", "annotations");
    private static final Set<String> SECRET_FIELDS = Set.of("apiVersion", "kind", "metadata", "type", "data",
            "stringData", "immutable");
    private static final Pattern DNS_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern SECRET_KEY = Pattern.compile("[-._a-zA-Z0-9]+");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^}]+)}}");

    private final KameletCatalog catalog;
    private final Map<String, Properties> secrets = new HashMap<>();

    CamelKResources(KameletCatalog catalog) {
        this.catalog = catalog;
    }

    /** The problems of one resource, empty when it holds; {@code what} describes what was checked. */
    List<String> check(JsonNode resource, List<String> what) throws IOException {
        List<String> problems = new ArrayList<>();
        String apiVersion = resource.path("apiVersion").asText();
        String kind = resource.path("kind").asText();
        if (apiVersion.equals("camel.apache.org/v1") && kind.equals("Pipe")) {
            checkPipe(resource, problems);
            what.add("Pipe " + resource.path("metadata").path("name").asText());
        } else if (apiVersion.equals("v1") && kind.equals("Secret")) {
            checkSecret(resource, problems);
            what.add("Secret " + resource.path("metadata").path("name").asText());
        } else {
            problems.add("apiVersion " + apiVersion + ", kind " + kind + ": not a resource the docs test can check"
                         + " (it knows camel.apache.org/v1 Pipe and v1 Secret)");
        }
        return problems;
    }

    private void checkPipe(JsonNode pipe, List<String> problems) {
        unknownFields(pipe, PIPE_FIELDS, "", problems);
        checkMetadata(pipe, problems);
        JsonNode spec = pipe.path("spec");
        unknownFields(spec, PIPE_SPEC_FIELDS, "spec.", problems);
        List<String> placeholders = new ArrayList<>();
        checkEndpoint(spec.path("source"), "spec.source", "source", placeholders, problems);
        checkEndpoint(spec.path("sink"), "spec.sink", "sink", placeholders, problems);
        int n = 0;
        for (JsonNode step : spec.path("steps")) {
            checkEndpoint(step, "spec.steps[" + n++ + "]", "action", placeholders, problems);
        }
        checkPlaceholders(spec, placeholders, problems);
    }

    private void checkEndpoint(JsonNode endpoint, String path, String role, List<String> placeholders,
                               List<String> problems) {
        if (endpoint.isMissingNode()) {
            problems.add(path + " is missing");
            return;
        }
        unknownFields(endpoint, ENDPOINT_FIELDS, path + ".", problems);
        boolean ref = endpoint.has("ref");
        boolean uri = endpoint.has("uri");
        if (ref == uri) {
            problems.add(path + " needs exactly one of ref and uri");
            return;
        }
        JsonNode properties = endpoint.path("properties");
        properties.properties().forEach(p -> {
            Matcher m = PLACEHOLDER.matcher(p.getValue().asText());
            while (m.find()) {
                placeholders.add(m.group(1));
            }
        });
        if (uri) {
            checkUri(endpoint.path("uri").asText(), path, problems);
            return;
        }
        JsonNode reference = endpoint.path("ref");
        unknownFields(reference, REFERENCE_FIELDS, path + ".ref.", problems);
        for (String field : List.of("kind", "apiVersion", "name")) {
            if (reference.path(field).asText().isEmpty()) {
                problems.add(path + ".ref." + field + " is missing");
            }
        }
        if (!reference.path("kind").asText().equals("Kamelet")) {
            return;
        }
        if (!reference.path("apiVersion").asText().equals("camel.apache.org/v1")) {
            problems.add(path + ".ref.apiVersion of a Kamelet is camel.apache.org/v1");
        }
        String name = reference.path("name").asText();
        KameletCatalog.Kamelet kamelet = catalog.find(name).orElse(null);
        if (kamelet == null) {
            problems.add(path + ".ref.name: no Kamelet " + name + " in this repository (there are "
                         + catalog.names() + ")");
            return;
        }
        if (!kamelet.type().equals(role)) {
            problems.add(path + ": " + name + " is a " + kamelet.type() + " Kamelet, not a " + role);
        }
        properties.properties().stream().map(Map.Entry::getKey).forEach(p -> {
            KameletCatalog.Property declared = kamelet.properties().get(p);
            if (declared == null) {
                problems.add(path + ".properties." + p + ": " + name + " declares no such property (it declares "
                             + kamelet.properties().keySet() + ")");
            } else {
                checkType(properties.get(p), declared, path + ".properties." + p, problems);
            }
        });
        for (String required : kamelet.required()) {
            if (!properties.has(required)) {
                problems.add(path + ".properties." + required + " is required by " + name);
            }
        }
    }

    private static void checkType(JsonNode value, KameletCatalog.Property declared, String path,
                                  List<String> problems) {
        boolean placeholder = value.isTextual() && PLACEHOLDER.matcher(value.asText()).find();
        boolean ok = switch (declared.type()) {
            case "integer" -> value.isIntegralNumber() || placeholder || value.asText().matches("-?\\d+");
            case "boolean" -> value.isBoolean() || placeholder || value.asText().matches("true|false");
            default -> value.isValueNode();
        };
        if (!ok) {
            problems.add(path + ": " + value + " is not of type " + declared.type());
        }
    }

    private static void checkUri(String uri, String path, List<String> problems) {
        if (PLACEHOLDER.matcher(uri).find()) {
            return;
        }
        try (CamelContext context = new DefaultCamelContext()) {
            context.start();
            context.getEndpoint(uri);
        } catch (Exception e) {
            problems.add(path + ".uri " + uri + ": " + e.getMessage());
        }
    }

    private void checkPlaceholders(JsonNode spec, List<String> placeholders, List<String> problems) {
        if (placeholders.isEmpty()) {
            return;
        }
        Properties mounted = new Properties();
        List<String> mounts = new ArrayList<>();
        for (JsonNode config : spec.path("integration").path("traits").path("mount").path("configs")) {
            String value = config.asText();
            if (!value.startsWith("secret:") && !value.startsWith("configmap:")) {
                problems.add("spec.integration.traits.mount.configs: " + value + " is neither secret:NAME nor configmap:NAME");
            } else if (value.startsWith("secret:")) {
                String name = value.substring(7);
                mounts.add(name);
                Properties secret = secrets.get(name);
                if (secret == null) {
                    problems.add("spec.integration.traits.mount.configs: no Secret " + name + " on this page");
                } else {
                    mounted.putAll(secret);
                }
            }
        }
        for (String placeholder : placeholders) {
            if (!mounted.containsKey(placeholder)) {
                problems.add("{{" + placeholder + "}} is defined by no Secret the Pipe mounts"
                             + (mounts.isEmpty() ? " (spec.integration.traits.mount.configs lists none)" : " " + mounts));
            }
        }
    }

    private void checkSecret(JsonNode secret, List<String> problems) throws IOException {
        unknownFields(secret, SECRET_FIELDS, "", problems);
        checkMetadata(secret, problems);
        Properties properties = new Properties();
        for (String field : List.of("stringData", "data")) {
            for (Map.Entry<String, JsonNode> entry : secret.path(field).properties()) {
                if (!SECRET_KEY.matcher(entry.getKey()).matches()) {
                    problems.add(field + "." + entry.getKey() + ": not a valid Secret key");
                }
                String value = entry.getValue().asText();
                if (field.equals("data")) {
                    try {
                        value = new String(Base64.getDecoder().decode(value));
                    } catch (IllegalArgumentException e) {
                        problems.add("data." + entry.getKey() + ": not base64");
                    }
                }
                if (entry.getKey().endsWith(".properties")) {
                    properties.load(new StringReader(value));
                }
            }
        }
        secrets.put(secret.path("metadata").path("name").asText(), properties);
    }

    private static void checkMetadata(JsonNode resource, List<String> problems) {
        JsonNode metadata = resource.path("metadata");
        unknownFields(metadata, METADATA_FIELDS, "metadata.", problems);
        String name = metadata.path("name").asText();
        if (!DNS_NAME.matcher(name).matches() || name.length() > 253) {
            problems.add("metadata.name " + (name.isEmpty() ? "is missing" : name + " is not a DNS subdomain name"));
        }
    }

    private static void unknownFields(JsonNode node, Set<String> known, String path, List<String> problems) {
        node.properties().stream().map(Map.Entry::getKey).forEach(f -> {
            if (!known.contains(f)) {
                problems.add(path + f + ": no such field (known: " + known + ")");
            }
        });
    }
}
