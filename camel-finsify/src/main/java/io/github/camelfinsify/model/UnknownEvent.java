package io.github.camelfinsify.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A webhook body of a shape this version does not know. It is delivered rather than dropped, so routes can decide.
 */
public record UnknownEvent(JsonNode payload) implements FinsifyEvent {

    @Override
    public String eventType() {
        return "unknown";
    }
}
