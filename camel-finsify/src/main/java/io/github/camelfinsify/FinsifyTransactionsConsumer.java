package io.github.camelfinsify;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;

import io.github.camelfinsify.client.FinsifyClient;
import io.github.camelfinsify.model.Account;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Processor;
import org.apache.camel.support.ScheduledBatchPollingConsumer;

/**
 * {@code finsify:transactions} as a consumer: each poll syncs every account of the login (or {@code accountId}) and
 * delivers its added, modified and removed transactions, oldest first, one per exchange. The state moves on only for
 * exchanges that completed; the first failure ends the account's batch, and the next poll resumes there.
 */
public class FinsifyTransactionsConsumer extends ScheduledBatchPollingConsumer {

    private TransactionSync sync;
    private TransactionSync.Session session;
    private Long loginId;

    public FinsifyTransactionsConsumer(FinsifyEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public FinsifyEndpoint getEndpoint() {
        return (FinsifyEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        if (getEndpoint().getConfiguration().getLoginSecret() == null) {
            throw new IllegalArgumentException("The finsify:transactions consumer needs option loginSecret");
        }
        sync = getEndpoint().createSync();
        super.doStart();
    }

    @Override
    protected int poll() throws Exception {
        FinsifyConfiguration configuration = getEndpoint().getConfiguration();
        FinsifyClient client = getEndpoint().getClient();
        String loginSecret = configuration.getLoginSecret();
        List<Account> accounts = client.accounts(loginSecret).data();
        loginId = accounts.isEmpty() ? null : accounts.get(0).loginId();
        if (loginId != null) {
            getEndpoint().getComponent().loginStatuses().checkUsable(loginId);
        }
        List<Long> accountIds = configuration.getAccountId() != null ? List.of(configuration.getAccountId())
                : accounts.stream().map(Account::id).toList();
        int delivered = 0;
        for (long accountId : accountIds) {
            if (!isBatchAllowed()) {
                break;
            }
            try (TransactionSync.Session opened = sync.open(client, loginSecret, accountId)) {
                session = opened;
                delivered += processBatch(new ArrayDeque<>(opened.changes()));
            } finally {
                session = null;
            }
        }
        return delivered;
    }

    @Override
    public int processBatch(Queue<Object> changes) throws Exception {
        int total = changes.size();
        int index = 0;
        int delivered = 0;
        try {
            while (!changes.isEmpty()) {
                TransactionChange change = (TransactionChange) changes.poll();
                pendingExchanges = changes.size();
                if (!isBatchAllowed()) {
                    break; // stopping: what was not delivered is delivered after the restart
                }
                if (session.isDelivered(change)) {
                    Exchange exchange = createExchange(false);
                    SyncExchanges.populate(exchange, change, loginId);
                    exchange.setProperty(ExchangePropertyKey.BATCH_INDEX, index);
                    exchange.setProperty(ExchangePropertyKey.BATCH_SIZE, total);
                    exchange.setProperty(ExchangePropertyKey.BATCH_COMPLETE, changes.isEmpty());
                    if (!deliver(exchange)) {
                        break; // keep the feed in order: this change and the rest come again next poll
                    }
                    delivered++;
                }
                session.commit(change);
                index++;
            }
        } finally {
            pendingExchanges = 0;
        }
        return delivered;
    }

    private boolean deliver(Exchange exchange) {
        try {
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        try {
            if (exchange.getException() != null) {
                getExceptionHandler().handleException("Finsify transaction was not processed; it is delivered "
                                                      + "again on the next poll", exchange, exchange.getException());
                return false;
            }
            return true;
        } finally {
            releaseExchange(exchange, false);
        }
    }
}
