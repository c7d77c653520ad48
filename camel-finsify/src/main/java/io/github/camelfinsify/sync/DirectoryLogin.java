package io.github.camelfinsify.sync;

import java.util.Objects;

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

    @Override
    public String toString() {
        return "DirectoryLogin[loginId=" + loginId + ", secret=" + Masking.mask(secret) + ", customerId=" + customerId
               + "]";
    }
}
