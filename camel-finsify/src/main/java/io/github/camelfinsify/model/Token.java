package io.github.camelfinsify.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A connect token: the user opens {@code connectUrl} to log in to a bank through Finsify.
 */
public record Token(@JsonProperty("id") String id, @JsonProperty("connect_url") String connectUrl) {
}
