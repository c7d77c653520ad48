package io.github.camelfinsify.model;

/**
 * The states a login-status webhook reports. Each known state needs the user: they must reconnect.
 */
public enum LoginStatus {
    /** The bank password was changed. */
    WRONG_CREDENTIALS("login_wrong_credentials"),
    /** The bank password expired: the user must change it at the bank first. */
    PASSWORD_EXPIRED("login_password_expired"),
    /** The bank locked the account: the user must contact the bank. */
    ACCOUNT_LOCKED("login_account_locked"),
    /** A status this version does not know; the raw value is kept beside it. */
    UNKNOWN(null);

    private final String wireValue;

    LoginStatus(String wireValue) {
        this.wireValue = wireValue;
    }

    /** The value the API sends, or {@code null} for {@link #UNKNOWN}. */
    public String wireValue() {
        return wireValue;
    }

    /** Whether the user must act (reconnect) before the login delivers data again. */
    public boolean requiresUserAction() {
        return this != UNKNOWN;
    }

    /** Reads the API's value; anything not known becomes {@link #UNKNOWN}, never an error. */
    public static LoginStatus fromWireValue(String value) {
        for (LoginStatus status : values()) {
            if (status.wireValue != null && status.wireValue.equalsIgnoreCase(value)) {
                return status;
            }
        }
        return UNKNOWN;
    }
}
