package io.github.camelfinsify.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer to a refresh request. {@code refreshed} is false when the login cannot be refreshed yet:
 * {@code nextRefreshPossibleAt} says when it can.
 */
public record LoginRefresh(
        @JsonProperty("id") long id,
        @JsonProperty("refreshed") boolean refreshed,
        @JsonProperty("last_refresh_at") Instant lastRefreshAt,
        @JsonProperty("next_refresh_possible_at") Instant nextRefreshPossibleAt) {
}
