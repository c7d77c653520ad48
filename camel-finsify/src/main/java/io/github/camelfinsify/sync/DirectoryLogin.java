package io.github.camelfinsify.sync;

import java.util.Objects;

import io.github.camelfinsify.model.ConnectResult;
import io.github.camelfinsify.model.Masking;

/**
 * A login of the {@link LoginDirectory}: its id, its secret and the partner's customer it belongs to (may be
 * {@code null}). {@code toString()} masks the secret.
 */
public record DirectoryLogin(long loginId, String secret, String customerId) {

    public DirectoryLogin {
        Objects.requireNonNull(secret, "secret");
        if (secret.isBlank()) {
            throw new IllegalArgumentException("The secret of login " + loginId + " is blank");
        }
    }

    /** The login of a successful connect callback, filed under the customer its signed state named (or null). */
    public static DirectoryLogin fromConnect(ConnectResult result, String customerId) {
        if (!result.isSuccess() || result.loginId() == null || result.secret() == null) {
            throw new IllegalArgumentException("A connect that did not succeed (" + result.status()
                                               + ") has no login to keep");
        }
        return new DirectoryLogin(result.loginId(), result.secret(), customerId);
    }

    @Override
    public String toString() {
        return "DirectoryLogin[loginId=" + loginId + ", secret=" + Masking.mask(secret) + ", customerId=" + customerId
               + "]";
    }
}
