package io.github.camelfinsify.model;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One account of a login (a current account, a saving account, a credit card, ...).
 */
public record Account(
        @JsonProperty("id") long id,
        @JsonProperty("original_id") String originalId,
        @JsonProperty("login_id") long loginId,
        @JsonProperty("name") String name,
        @JsonProperty("balance") BigDecimal balance,
        @JsonProperty("currency") String currency,
        @JsonProperty("type") String type) {
}
