package io.github.camelfinsify.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What Finsify sends to the callback URL after the user went through the connect page. On success it carries the new
 * login's id and secret; the secret is needed for every later call about that login, so store it safely.
 */
public record ConnectResult(
        @JsonProperty("status") String status,
        @JsonProperty("login_id") Long loginId,
        @JsonProperty("secret") String secret) {

    /** Whether the connect succeeded ({@code status} is {@code success}). */
    public boolean isSuccess() {
        return "success".equalsIgnoreCase(status);
    }

    /** The secret never appears here: at most its last four characters. */
    @Override
    public String toString() {
        return "ConnectResult[status=" + status + ", loginId=" + loginId + ", secret=" + Masking.mask(secret) + "]";
    }
}
