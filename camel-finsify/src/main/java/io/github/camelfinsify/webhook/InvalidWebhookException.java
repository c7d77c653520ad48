package io.github.camelfinsify.webhook;

/**
 * A webhook or connect-callback request that is not what Finsify sends. The message says what was wrong and never
 * quotes the request's secrets.
 */
public class InvalidWebhookException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidWebhookException(String message) {
        super(message);
    }

    public InvalidWebhookException(String message, Throwable cause) {
        super(message, cause);
    }
}
