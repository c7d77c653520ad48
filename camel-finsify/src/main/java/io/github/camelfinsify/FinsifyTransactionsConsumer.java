package io.github.camelfinsify;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;

import io.github.camelfinsify.client.FinsifyApiException;
import io.github.camelfinsify.client.FinsifyClient;
import io.github.camelfinsify.model.Account;
import io.github.camelfinsify.sync.SyncStatistics;
import io.github.camelfinsify.sync.TransactionSync;
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
    private final EventDelivery delivery = new ConsumerDelivery(this);
    private final SyncStatistics statistics;

    public FinsifyTransactionsConsumer(FinsifyEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        statistics = new SyncStatistics(endpoint.getComponent().clock());
    }

    /** What this consumer synced, for metrics and consoles. */
    public SyncStatistics getSyncStatistics() {
        return statistics;
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
        try {
            return syncLogin();
        } catch (FinsifyLoginActionRequiredException e) {
            statistics.loginNeedsUser(loginId);
            throw e;
        } catch (FinsifyApiException e) {
            if (loginId != null) {
                statistics.loginFailed(loginId, e.errorCode());
            }
            throw e;
        }
    }

    private int syncLogin() {
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
        boolean complete = true;
        for (long accountId : accountIds) {
            if (!isBatchAllowed()) {
                complete = false;
                break;
            }
            try (TransactionSync.Session opened = sync.open(client, loginSecret, accountId)) {
                session = opened;
                delivered += processBatch(new ArrayDeque<>(opened.changes()));
                if (opened.isComplete()) {
                    statistics.accountSynced();
                } else {
                    complete = false;
                }
            } finally {
                session = null;
            }
        }
        if (loginId != null) {
            if (complete) {
                statistics.loginSynced(loginId);
            } else if (isRunAllowed()) {
                statistics.loginFailed(loginId, null); // the route failed an exchange
            }
        }
        return delivered;
    }

    /** Delivers the open session's changes; the queue holds them, oldest first. */
    @Override
    public int processBatch(Queue<Object> changes) {
        try {
            return SyncExchanges.deliver(session, delivery, loginId, statistics, (exchange, index, size) -> {
                exchange.setProperty(ExchangePropertyKey.BATCH_INDEX, index);
                exchange.setProperty(ExchangePropertyKey.BATCH_SIZE, size);
                exchange.setProperty(ExchangePropertyKey.BATCH_COMPLETE, index == size - 1);
                pendingExchanges = size - index - 1;
            }, this::isBatchAllowed);
        } finally {
            pendingExchanges = 0;
        }
    }
}
