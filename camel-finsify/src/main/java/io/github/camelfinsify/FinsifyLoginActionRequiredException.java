package io.github.camelfinsify;

import io.github.camelfinsify.model.LoginStatus;

/**
 * A login cannot deliver data until its user acts: the bank password changed or expired, or the account is locked.
 * The user must go through the connect page again (the {@code reconnect} operation gives the URL).
 */
public class FinsifyLoginActionRequiredException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long loginId;
    private final LoginStatus status;

    public FinsifyLoginActionRequiredException(long loginId, LoginStatus status, String rawStatus) {
        super("Login " + loginId + " needs its user: " + rawStatus + " (" + describe(status)
              + "); ask the user to reconnect, with a connect URL from finsify:reconnect");
        this.loginId = loginId;
        this.status = status;
    }

    public long loginId() {
        return loginId;
    }

    public LoginStatus status() {
        return status;
    }

    private static String describe(LoginStatus status) {
        return switch (status) {
            case WRONG_CREDENTIALS -> "the bank password was changed";
            case PASSWORD_EXPIRED -> "the bank password expired";
            case ACCOUNT_LOCKED -> "the bank locked the account";
            case UNKNOWN -> "an unknown status";
        };
    }
}
