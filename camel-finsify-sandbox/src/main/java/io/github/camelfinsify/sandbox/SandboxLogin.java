package io.github.camelfinsify.sandbox;

import java.util.List;

/**
 * A connected login, as {@link FinsifySandbox#connectLogin(String)} and {@code POST /sandbox/logins} return it.
 *
 * @param loginId    the login's id ({@code login_id})
 * @param secret     the login secret, sent as header {@code login-secret}
 * @param customerId the customer the login was created for
 * @param accountIds ids of the login's accounts
 */
public record SandboxLogin(long loginId, String secret, String customerId, List<Long> accountIds) {

    public SandboxLogin {
        accountIds = List.copyOf(accountIds);
    }

    /** Masks the secret: records are printed in test reports. */
    @Override
    public String toString() {
        return "SandboxLogin[loginId=" + loginId + ", secret=" + SandboxSecrets.mask(secret)
                + ", customerId=" + customerId + ", accountIds=" + accountIds + "]";
    }
}
