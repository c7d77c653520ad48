package io.github.camelfinsify.webhook;

/**
 * A connect callback whose signed state is missing, forged, expired or already used. The message says which, and
 * never quotes the state.
 */
public class InvalidConnectStateException extends InvalidWebhookException {

    private static final long serialVersionUID = 1L;

    /** Why a state was refused. */
    public enum Reason {
        /** The callback carries no state. */
        MISSING,
        /** The state is not in the format {@link ConnectStateSigner} writes. */
        MALFORMED,
        /** The signature does not match: another key signed it, or it was changed. */
        FORGED,
        /** The state is older than its lifetime. */
        EXPIRED,
        /** The state was used before. */
        REPLAYED
    }

    private final Reason reason;

    public InvalidConnectStateException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
