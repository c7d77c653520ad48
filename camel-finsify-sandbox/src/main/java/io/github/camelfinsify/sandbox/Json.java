package io.github.camelfinsify.sandbox;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** JSON helpers: one shared mapper, API-shaped nodes, and string quoting for the streamed body. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private static final DateTimeFormatter INSTANT_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String text(JsonNode node) {
        return new String(bytes(node), StandardCharsets.UTF_8);
    }

    /** The API's instant format: ISO-8601 in UTC with milliseconds ({@code 2017-08-13T09:19:08.073Z}). */
    static String instant(Instant instant) {
        return instant == null ? null : INSTANT_MILLIS.format(instant);
    }

    /** {@code {"data":data,"version":"v2"}}. */
    static ObjectNode envelope(JsonNode data) {
        ObjectNode root = object();
        root.set("data", data);
        root.put("version", "v2");
        return root;
    }

    /** A login as the admin API answers it: {@code {"login_id","secret","customer_id","account_ids"}}. */
    static ObjectNode login(SandboxLogin login) {
        ObjectNode node = object();
        node.put("login_id", login.loginId());
        node.put("secret", login.secret());
        node.put("customer_id", login.customerId());
        ArrayNode ids = node.putArray("account_ids");
        login.accountIds().forEach(ids::add);
        return node;
    }

    /** A JSON array of {@link #login}s, written one at a time: no tree of the whole answer. */
    static byte[] logins(List<SandboxLogin> logins) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(logins.size() * 160);
        try (JsonGenerator json = MAPPER.createGenerator(out)) {
            json.writeStartArray();
            for (SandboxLogin login : logins) {
                MAPPER.writeTree(json, login(login));
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A transaction in the API's shape. */
    static ObjectNode transaction(SandboxTransaction t, String originalId) {
        ObjectNode node = object();
        node.put("id", t.id());
        node.put("original_id", originalId);
        node.put("date", t.date().toString());
        node.put("amount", t.amount());
        node.put("currency", t.currency());
        node.put("description", t.description());
        node.put("category", t.category());
        node.putNull("meta");
        return node;
    }

    /** Appends {@code value} as a JSON string literal. */
    static void quote(StringBuilder sb, String value) {
        sb.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
