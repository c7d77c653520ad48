package io.github.camelfinsify.client;

/**
 * The errors the Finsify API documents, by their {@code error} name, plus the failures that have no name in the API:
 * {@link #RATE_LIMITED} (HTTP 429), {@link #NETWORK} (no usable response: I/O failure, time-out, cut body) and
 * {@link #UNKNOWN} (anything else).
 */
public enum FinsifyErrorCode {
    BAD_REQUEST("BadRequest"),
    ACCOUNT_NOT_FOUND("AccountNotFound"),
    CLIENT_NOT_FOUND("ClientNotFound"),
    CONNECT_ERROR("ConnectError"),
    CONTENT_INPUT_INVALID("ContentInputInvalid"),
    CREDENTIAL_INVALID("CredentialInvalid"),
    CUSTOMER_CREATE_ERROR("CustomerCreateError"),
    CUSTOMER_EXISTS("CustomerExists"),
    CUSTOMER_NOT_FOUND("CustomerNotFound"),
    DATA_INVALID("DataInvalid"),
    INTERNAL_ERROR("InternalError"),
    LOGIN_NOT_FOUND("LoginNotFound"),
    SERVER_MAINTENANCE("ServerMaintenance"),
    SERVICE_NOT_FOUND("ServiceNotFound"),
    TOKEN_CREATE_ERROR("TokenCreateError"),
    TOKEN_EXPIRE("TokenExpire"),
    RATE_LIMITED(null),
    NETWORK(null),
    UNKNOWN(null);

    private final String errorName;

    FinsifyErrorCode(String errorName) {
        this.errorName = errorName;
    }

    /** The API's {@code error} value, or {@code null} for the codes the API does not send. */
    public String errorName() {
        return errorName;
    }

    /** The code of an API error name; {@link #UNKNOWN} for a name this version does not know. */
    public static FinsifyErrorCode fromErrorName(String name) {
        if (name != null) {
            for (FinsifyErrorCode code : values()) {
                if (name.equals(code.errorName)) {
                    return code;
                }
            }
        }
        return UNKNOWN;
    }
}
