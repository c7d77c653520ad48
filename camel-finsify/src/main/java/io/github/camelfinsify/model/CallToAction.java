package io.github.camelfinsify.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An optional prompt a service shows to users without an account ("No account yet? Register now!").
 */
public record CallToAction(
        @JsonProperty("prompt") String prompt,
        @JsonProperty("text") String text,
        @JsonProperty("url") String url) {
}
