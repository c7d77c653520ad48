package io.github.camelfinsify.model;

import java.time.Instant;
import java.util.List;

/**
 * New transactions are available for some accounts of a login. {@code referenceId} identifies the event: a sender
 * that retries sends the same one again.
 */
public record NewTransactionsEvent(long loginId, Instant timestamp, List<Long> accountIds, int newCount, String referenceId)
        implements FinsifyEvent {

    public NewTransactionsEvent {
        accountIds = List.copyOf(accountIds);
    }

    @Override
    public String eventType() {
        return "newTransactions";
    }
}
