package io.github.camelfinsify.bench;

import java.util.List;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.github.camelfinsify.model.Account;
import io.github.camelfinsify.model.Transaction;

/**
 * What a user writing the call by hand would set up: a mapper configured like the component's (unknown fields
 * ignored, BigDecimal, java.time) and envelope records around the component's own model records, so every variant
 * parses into the same shapes.
 */
public final class BenchJson {

    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();

    private BenchJson() {
    }

    public record AccountsEnvelope(List<Account> data, String version) {
    }

    public record TransactionsEnvelope(List<Transaction> data, String version) {
    }
}
