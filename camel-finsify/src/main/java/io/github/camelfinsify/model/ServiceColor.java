package io.github.camelfinsify.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A service's brand colours as hex RGB strings without {@code #} ({@code "ED1B24"}).
 */
public record ServiceColor(@JsonProperty("primary") String primary, @JsonProperty("secondary") String secondary) {
}
