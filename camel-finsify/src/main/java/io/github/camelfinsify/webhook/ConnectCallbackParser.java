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
 * <p>
 * A {@code success} must carry a {@code login_id} and a non-empty string {@code secret}, or it is not a connect
 * result; any other status is a failed connect, and its result never carries a secret.
 */
public final class ConnectCallbackParser {

    private static final int MAX_LENGTH = 8 * 1024;

    /**
     * @param rawPathRemainder the request path after the consumer's path, still URL-encoded (may be empty)
     * @param dataParameter    the decoded {@code data} query parameter, or {@code null}
     */
    public ConnectResult parse(String rawPathRemainder, String dataParameter) throws InvalidWebhookException {
        String json = dataParameter;
        if (!hasData(dataParameter)) {
            String segment = lastSegment(rawPathRemainder);
            if (segment.isEmpty()) {
                throw new InvalidWebhookException("the callback carries no result: expected JSON in the last path "
                                                  + "segment or in the data parameter");
            }
            json = percentDecode(segment);
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
        JsonNode loginIdNode = node.get("login_id");
        if (loginIdNode != null && !loginIdNode.isNull()
            && !(loginIdNode.canConvertToExactIntegral() && loginIdNode.canConvertToLong())) {
            throw new InvalidWebhookException("the callback's login_id is not an integer id");
        }
        Long loginId = loginIdNode == null || loginIdNode.isNull() ? null : loginIdNode.longValue();
        ConnectResult failed = new ConnectResult(node.get("status").asText(), loginId, null);
        if (!failed.isSuccess()) {
            return failed;
        }
        if (loginId == null) {
            throw new InvalidWebhookException("the callback's success has no login_id");
        }
        JsonNode secret = node.get("secret");
        if (secret == null || !secret.isTextual() || secret.asText().isBlank()) {
            throw new InvalidWebhookException("the callback's success has no secret, or one that is not a string");
        }
        return new ConnectResult(failed.status(), loginId, secret.asText());
    }

    /**
     * The path segment in front of the result: where {@code createToken} and {@code reconnect} put the signed state.
     * That is the last segment when the result came as the {@code data} parameter, else the one before it; {@code null}
     * when there is none.
     */
    public String stateSegment(String rawPathRemainder, String dataParameter) {
        String path = rawPathRemainder == null ? "" : rawPathRemainder;
        if (!hasData(dataParameter)) {
            int slash = path.lastIndexOf('/');
            path = slash >= 0 ? path.substring(0, slash) : "";
        }
        String segment = lastSegment(path);
        return segment.isEmpty() ? null : segment;
    }

    private static boolean hasData(String dataParameter) {
        return dataParameter != null && !dataParameter.isBlank();
    }

    private static String lastSegment(String path) {
        String segment = path == null ? "" : path;
        int slash = segment.lastIndexOf('/');
        return slash >= 0 ? segment.substring(slash + 1) : segment;
    }

    /**
     * Percent-decoding as RFC 3986 defines it for a path: a {@code +} is a plus, not a space (browsers leave it as it
     * is). URLDecoder does form decoding, so its plus is escaped first.
     */
    private static String percentDecode(String segment) throws InvalidWebhookException {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidWebhookException("the callback's last path segment is not URL-encoded JSON", e);
        }
    }
}
