package io.github.camelfinsify;

import java.util.Map;
import java.util.stream.Collectors;

import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;

/**
 * The text form of the finsify console: one block per consumer, in the order and with the names of its JSON form, so
 * the two never tell different stories.
 */
final class FinsifyConsoleText {

    private FinsifyConsoleText() {
    }

    static void append(StringBuilder text, JsonObject consumer) {
        text.append("Route: ").append(consumer.get("routeId")).append(" (").append(consumer.get("endpoint"))
                .append(")\n");
        for (Map.Entry<String, Object> field : consumer.entrySet()) {
            if (field.getKey().equals("routeId") || field.getKey().equals("endpoint")) {
                continue;
            }
            text.append("    ").append(field.getKey()).append(':');
            if (field.getValue() instanceof JsonArray rows) {
                if (rows.isEmpty()) {
                    text.append(" none");
                }
                for (Object row : rows) {
                    text.append("\n        ").append(row instanceof JsonObject o ? inline(o) : row);
                }
            } else if (field.getValue() instanceof JsonObject nested) {
                text.append(' ').append(nested.isEmpty() ? "none" : inline(nested));
            } else {
                text.append(' ').append(field.getValue());
            }
            text.append('\n');
        }
        text.append('\n');
    }

    private static String inline(JsonObject object) {
        return object.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }
}
