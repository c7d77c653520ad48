package io.github.camelfinsify.webhook;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelfinsify.client.FinsifyJson;
import io.github.camelfinsify.model.ConnectResult;

/**
 * Reads the connect callback. Finsify redirects the browser to {@code callback_url + "/" + <URL-encoded JSON>}; the
 * JSON is accepted from that last path segment or from a {@code data} query parameter.
 */
public final class ConnectCallbackParser {

    private static final int MAX_LENGTH = 8 * 1024;

    /**
     * @param rawPathRemainder the request path after the consumer's path, still URL-encoded (may be empty)
     * @param dataParameter    the decoded {@code data} query parameter, or {@code null}
     */
    public ConnectResult parse(String rawPathRemainder, String dataParameter) throws InvalidWebhookException {
        String json = dataParameter;
        if (json == null || json.isBlank()) {
            String segment = rawPathRemainder == null ? "" : rawPathRemainder;
            int slash = segment.lastIndexOf('/');
            segment = slash >= 0 ? segment.substring(slash + 1) : segment;
            if (segment.isEmpty()) {
                throw new InvalidWebhookException("the callback carries no result: expected JSON in the last path "
                                                  + "segment or in the data parameter");
            }
            try {
                json = URLDecoder.decode(segment, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new InvalidWebhookException("the callback's last path segment is not URL-encoded JSON", e);
            }
        }
        if (json.length() > MAX_LENGTH) {
            throw new InvalidWebhookException("the callback's result is too long");
        }
        JsonNode node;
        try {
            node = FinsifyJson.mapper().readTree(json);
        } catch (IOException e) {
            throw new InvalidWebhookException("the callback's result is not JSON", e);
        }
        if (node == null || !node.isObject() || !node.path("status").isTextual()) {
            throw new InvalidWebhookException("the callback's result has no status");
        }
        JsonNode loginId = node.get("login_id");
        if (loginId != null && !loginId.isNull() && !(loginId.canConvertToExactIntegral() && loginId.canConvertToLong())) {
            throw new InvalidWebhookException("the callback's login_id is not an integer id");
        }
        JsonNode secret = node.get("secret");
        return new ConnectResult(node.get("status").asText(),
                loginId == null || loginId.isNull() ? null : loginId.longValue(),
                secret == null || secret.isNull() ? null : secret.asText());
    }
}
