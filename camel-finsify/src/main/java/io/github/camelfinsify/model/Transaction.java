package io.github.camelfinsify.model;

import java.math.BigDecimal;
import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One transaction of an account. {@code amount} is negative for spending; {@code meta} is whatever extra data the
 * bank gave, or {@code null}.
 */
public record Transaction(
        @JsonProperty("id") long id,
        @JsonProperty("original_id") String originalId,
        @JsonProperty("date") LocalDate date,
        @JsonProperty("amount") BigDecimal amount,
        @JsonProperty("currency") String currency,
        @JsonProperty("description") String description,
        @JsonProperty("category") String category,
        @JsonProperty("meta") JsonNode meta) {

    public Transaction {
        // the API sends "meta": null for most transactions: keep that a plain null, not a NullNode
        meta = meta == null || meta.isNull() || meta.isMissingNode() ? null : meta;
    }
}
