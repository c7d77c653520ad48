package io.github.camelfinsify;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The shape of a sync-feed exchange, the same from the polling and from the webhook consumer.
 */
final class SyncExchanges {

    private SyncExchanges() {
    }

    static void populate(Exchange exchange, TransactionChange change, Long loginId) {
        Message message = exchange.getIn();
        message.setBody(change.body());
        message.setHeader(FinsifyConstants.ACCOUNT_ID, change.accountId());
        message.setHeader(FinsifyConstants.CHANGE_TYPE, change.type());
        if (loginId != null) {
            message.setHeader(FinsifyConstants.LOGIN_ID, loginId);
        }
    }
}
