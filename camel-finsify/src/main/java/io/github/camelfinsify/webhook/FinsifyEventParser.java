package io.github.camelfinsify.webhook;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelfinsify.client.FinsifyJson;
import io.github.camelfinsify.model.FinsifyEvent;
import io.github.camelfinsify.model.LoginStatus;
import io.github.camelfinsify.model.LoginStatusEvent;
import io.github.camelfinsify.model.NewTransactionsEvent;
import io.github.camelfinsify.model.UnknownEvent;

/**
 * Reads a webhook body into a {@link FinsifyEvent}. The body must be one JSON object and nothing after it. An object
 * with {@code accounts} and {@code new} or {@code referenceId} is a {@link NewTransactionsEvent}; else one with
 * {@code status} and {@code login_id} is a {@link LoginStatusEvent}; other fields are ignored. A body of a known shape
 * with a field missing or of the wrong type is invalid; a JSON object of any other shape is an {@link UnknownEvent}, so
 * new event kinds are never dropped.
 */
public final class FinsifyEventParser {

    /** Webhook events are flat: anything nested deeper than this is not one, and is refused before it costs much. */
    private static final int MAX_NESTING = 32;

    private final ObjectMapper mapper;

    public FinsifyEventParser() {
        ObjectMapper copy = FinsifyJson.mapper().copy().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        copy.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING)
                .maxNumberLength(64)
                .maxStringLength(64 * 1024)
                .build());
        this.mapper = copy;
    }

    public FinsifyEvent parse(byte[] body) throws InvalidWebhookException {
        JsonNode json;
        try {
            json = mapper.readTree(body);
        } catch (IOException | RuntimeException e) {
            throw new InvalidWebhookException("the body is not valid JSON (" + firstLine(e.getMessage()) + ")", e);
        }
        if (json == null || !json.isObject()) {
            throw new InvalidWebhookException("the body is not a JSON object");
        }
        if (json.has("accounts") && (json.has("new") || json.has("referenceId"))) {
            return newTransactions(json);
        }
        if (json.has("status") && json.has("login_id")) {
            return loginStatus(json);
        }
        return new UnknownEvent(json);
    }

    private static NewTransactionsEvent newTransactions(JsonNode json) throws InvalidWebhookException {
        long loginId = requiredLong(json, "login_id");
        JsonNode timestamp = json.get("timestamp");
        Instant at = null;
        if (timestamp != null && !timestamp.isNull()) {
            if (!timestamp.canConvertToExactIntegral() || !timestamp.canConvertToLong()) {
                throw new InvalidWebhookException("timestamp must be epoch milliseconds");
            }
            at = Instant.ofEpochMilli(timestamp.longValue());
        }
        JsonNode accounts = json.get("accounts");
        if (accounts == null || !accounts.isArray()) {
            throw new InvalidWebhookException("accounts must be an array of {\"id\": number}");
        }
        // an account named twice is one account to fetch: first mention first
        Set<Long> accountIds = new LinkedHashSet<>();
        for (JsonNode account : accounts) {
            if (!account.isObject()) {
                throw new InvalidWebhookException("accounts must be an array of {\"id\": number}");
            }
            accountIds.add(requiredLong(account, "id"));
        }
        JsonNode count = json.get("new");
        if (count != null && !count.isNull() && (!count.isIntegralNumber() || !count.canConvertToInt()
                                                 || count.intValue() < 0)) {
            throw new InvalidWebhookException("new must be a count of transactions");
        }
        JsonNode reference = json.get("referenceId");
        if (reference != null && !reference.isNull() && !reference.isTextual()) {
            throw new InvalidWebhookException("referenceId must be a string");
        }
        return new NewTransactionsEvent(loginId, at, List.copyOf(accountIds), count == null ? 0 : count.intValue(),
                reference == null || reference.isNull() ? null : reference.asText());
    }

    private static LoginStatusEvent loginStatus(JsonNode json) throws InvalidWebhookException {
        JsonNode status = json.get("status");
        if (!status.isTextual()) {
            throw new InvalidWebhookException("status must be a string");
        }
        return new LoginStatusEvent(requiredLong(json, "login_id"), LoginStatus.fromWireValue(status.asText()),
                status.asText());
    }

    private static long requiredLong(JsonNode json, String field) throws InvalidWebhookException {
        JsonNode value = json.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new InvalidWebhookException(field + " must be an integer id");
        }
        return value.longValue();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
