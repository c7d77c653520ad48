package io.github.camelfinsify.docs;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Renders the option and header tables of {@code docs/finsify-component.adoc} from the generated {@code finsify.json},
 * in the layout of Camel's component pages.
 */
final class ComponentDocRenderer {

    static final Map<String, String> SECTIONS = Map.of(
            "component-options", "componentProperties",
            "endpoint-path-options", "path",
            "endpoint-query-options", "parameter",
            "headers", "headers");

    private ComponentDocRenderer() {
    }

    static String render(JsonNode json, String section) {
        return switch (section) {
            case "component-options" -> optionsTable(json.get("componentProperties"), null);
            case "endpoint-path-options" -> optionsTable(json.get("properties"), "path");
            case "endpoint-query-options" -> optionsTable(json.get("properties"), "parameter");
            case "headers" -> headersTable(json.get("headers"));
            default -> throw new IllegalArgumentException(section);
        };
    }

    private static String optionsTable(JsonNode properties, String kind) {
        StringBuilder sb = new StringBuilder();
        sb.append("[width=\"100%\",cols=\"2,5,^1,2\",options=\"header\"]\n")
                .append("|===\n")
                .append("| Name | Description | Default | Type\n");
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> option = it.next();
            JsonNode meta = option.getValue();
            if (kind != null && !kind.equals(meta.path("kind").asText())) {
                continue;
            }
            sb.append("| *").append(option.getKey()).append("* ")
                    .append(meta.path("required").asBoolean() ? "(required) " : "")
                    .append(meta.path("secret").asBoolean() ? "(secret) " : "")
                    .append("(").append(meta.path("group").asText()).append(")")
                    .append(" | ").append(escape(meta.path("description").asText()))
                    .append(enumValues(meta))
                    .append(" | ").append(meta.has("defaultValue") ? escape(meta.get("defaultValue").asText()) : "")
                    .append(" | ").append(escape(simpleType(meta.path("javaType").asText())))
                    .append('\n');
        }
        return sb.append("|===\n").toString();
    }

    private static String headersTable(JsonNode headers) {
        StringBuilder sb = new StringBuilder();
        sb.append("[width=\"100%\",cols=\"2,4,^1,2\",options=\"header\"]\n")
                .append("|===\n")
                .append("| Name | Description | Direction | Type\n");
        for (Iterator<Map.Entry<String, JsonNode>> it = headers.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> header = it.next();
            JsonNode meta = header.getValue();
            String constant = meta.path("constantName").asText();
            sb.append("| *").append(header.getKey()).append("* (`")
                    .append(constant.substring(constant.lastIndexOf('#') + 1)).append("`)")
                    .append(meta.path("secret").asBoolean() ? " (secret)" : "")
                    .append(" | ").append(escape(meta.path("description").asText()))
                    .append(" | ").append(direction(meta.path("label").asText()))
                    .append(" | ").append(escape(simpleType(meta.path("javaType").asText())))
                    .append('\n');
        }
        return sb.append("|===\n").toString();
    }

    private static String enumValues(JsonNode meta) {
        if (!meta.has("enum")) {
            return "";
        }
        StringBuilder sb = new StringBuilder(" Values: ");
        meta.get("enum").forEach(v -> sb.append('`').append(v.asText()).append("` "));
        return sb.toString().stripTrailing() + ".";
    }

    private static String direction(String label) {
        return switch (label) {
            case "producer" -> "in (producer)";
            case "consumer" -> "out (consumer)";
            default -> "in and out";
        };
    }

    private static String simpleType(String javaType) {
        return javaType.replaceAll("\\b(?:[a-z0-9_]+\\.)+([A-Z])", "$1");
    }

    private static String escape(String text) {
        return text.replace("|", "\\|");
    }
}
