package io.github.camelfinsify.sync;

import java.util.function.Supplier;

/**
 * A login of a page of the {@link LoginDirectory}, as {@link LoginDirectory#listLogins} read it: its id, and its
 * secret given when the sync asks for it. {@link #secret()} behaves as {@link LoginDirectory#secretOf}: it may answer
 * {@code null} (the login is gone) or throw (the stored secret cannot be read), and either counts against this login
 * only. {@code toString()} shows the id only.
 */
public final class ListedLogin {

    private final long loginId;
    private final Supplier<String> secret;

    private ListedLogin(long loginId, Supplier<String> secret) {
        this.loginId = loginId;
        this.secret = secret;
    }

    /** A listed login whose secret the supplier gives (decrypted, looked up, ...) when the sync asks for it. */
    public static ListedLogin of(long loginId, Supplier<String> secret) {
        if (secret == null) {
            throw new IllegalArgumentException("Listed login " + loginId + " needs a supplier of its secret");
        }
        return new ListedLogin(loginId, secret);
    }

    public long loginId() {
        return loginId;
    }

    /** The login's secret, or {@code null} if the directory no longer knows the login. */
    public String secret() {
        return secret.get();
    }

    @Override
    public String toString() {
        return "ListedLogin[loginId=" + loginId + "]";
    }
}
