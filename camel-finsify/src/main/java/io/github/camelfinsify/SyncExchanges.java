package io.github.camelfinsify;
import io.github.camelfinsify.sync.SyncStatistics;
import io.github.camelfinsify.sync.TransactionChange;
import io.github.camelfinsify.sync.TransactionSync;

import java.util.function.BooleanSupplier;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Delivers the changes of a sync session as exchanges, the same from the polling and from the webhook consumer: one
 * exchange per change, oldest first, each committed to the sync state once its exchange completed.
 */
final class SyncExchanges {

    /** Adds what a consumer puts on each exchange: its position among the delivered changes, or the webhook event. */
    @FunctionalInterface
    interface Decoration {
        void decorate(Exchange exchange, int index, int size);
    }

    private SyncExchanges() {
    }

    /**
     * Delivers the session's changes of the types the feed delivers (the others are committed without an exchange) and
     * stops at the first exchange that did not complete, so the feed keeps its order: that change and the rest come
     * again with the next session. Answers how many were delivered.
     */
    static int deliver(TransactionSync.Session session, EventDelivery delivery, Long loginId,
                       SyncStatistics statistics, Decoration decoration, BooleanSupplier running) {
        int size = (int) session.changes().stream().filter(session::isDelivered).count();
        int index = 0;
        for (TransactionChange change : session.changes()) {
            if (!running.getAsBoolean()) {
                break; // stopping: what was not delivered is delivered after the restart
            }
            if (session.isDelivered(change)) {
                Exchange exchange = delivery.newExchange();
                populate(exchange, change, loginId);
                decoration.decorate(exchange, index, size);
                if (!delivery.deliver(exchange, () -> "Finsify " + change.type() + " transaction " + change.id())) {
                    break;
                }
                statistics.changeDelivered(change.type());
                index++;
            }
            session.commit(change);
        }
        return index;
    }

    private static void populate(Exchange exchange, TransactionChange change, Long loginId) {
        Message message = exchange.getIn();
        message.setBody(change.body());
        message.setHeader(FinsifyConstants.ACCOUNT_ID, change.accountId());
        message.setHeader(FinsifyConstants.CHANGE_TYPE, change.type());
        if (loginId != null) {
            message.setHeader(FinsifyConstants.LOGIN_ID, loginId);
        }
    }
}
