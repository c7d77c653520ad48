package io.github.camelfinsify.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A Finsify customer: the id Finsify gives to one of the partner's users. It is returned only once, at creation.
 */
public record Customer(@JsonProperty("customer_id") String customerId, @JsonProperty("identifier") String identifier) {
}
