package io.github.camelfinsify;

import io.github.camelfinsify.model.NewTransactionsEvent;

/**
 * A webhook event that can never be processed, however often it is sent: its login is unknown to the
 * {@code loginSecretResolver}, or the API knows no such login or account. The sender is answered so that it stops;
 * the event goes to the consumer's exception handler, or to the route's error handler with
 * {@code bridgeErrorHandler=true}.
 */
public class FinsifyEventRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient NewTransactionsEvent event;

    public FinsifyEventRejectedException(NewTransactionsEvent event, String reason) {
        this(event, reason, null);
    }

    public FinsifyEventRejectedException(NewTransactionsEvent event, String reason, Throwable cause) {
        super("Finsify webhook event " + event.referenceId() + " of login " + event.loginId()
              + " cannot be processed: " + reason, cause);
        this.event = event;
    }

    public NewTransactionsEvent event() {
        return event;
    }
}
