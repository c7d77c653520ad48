package io.github.camelfinsify;

import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * Learns an exchange's outcome from Camel's unit of work, as Camel's own batch consumers do: an error the route
 * handled or continued completes the exchange; an unhandled error, a rollback or an exchange marked rollback-only
 * fails it.
 */
final class ExchangeCompletion extends SynchronizationAdapter {

    private volatile Boolean completed;

    static ExchangeCompletion on(Exchange exchange) {
        ExchangeCompletion completion = new ExchangeCompletion();
        exchange.getExchangeExtension().addOnCompletion(completion);
        return completion;
    }

    @Override
    public void onComplete(Exchange exchange) {
        completed = !isRolledBack(exchange);
    }

    @Override
    public void onFailure(Exchange exchange) {
        completed = false;
    }

    /** Whether the exchange completed; judged from the exchange itself if no unit of work reported. */
    boolean completed(Exchange exchange) {
        Boolean outcome = completed;
        return outcome != null ? outcome : !exchange.isFailed() && !isRolledBack(exchange);
    }

    private static boolean isRolledBack(Exchange exchange) {
        return exchange.isRollbackOnly() || exchange.isRollbackOnlyLast();
    }
}
