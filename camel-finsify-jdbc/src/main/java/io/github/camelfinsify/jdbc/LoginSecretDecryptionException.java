package io.github.camelfinsify.jdbc;

/**
 * The stored secret of a login could not be decrypted: the key is not the one it was encrypted with, or the stored
 * value was changed or copied from another row. The message names the login and never the key or the value, so this
 * exception is safe to log. A sync consumer treats it as a failure of that login only.
 */
public class LoginSecretDecryptionException extends IllegalStateException {

    private final long loginId;

    public LoginSecretDecryptionException(long loginId, String message) {
        super(message);
        this.loginId = loginId;
    }

    public long getLoginId() {
        return loginId;
    }
}
