package io.github.camelfinsify;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

import io.github.camelfinsify.client.FinsifyApiException;
import io.github.camelfinsify.client.FinsifyClient;
import io.github.camelfinsify.model.Account;
import io.github.camelfinsify.sync.SyncStatistics;
import io.github.camelfinsify.sync.TransactionSync;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Processor;
import org.apache.camel.api.management.ManagedOperation;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.support.LoggingExceptionHandler;
import org.apache.camel.support.ScheduledBatchPollingConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code finsify:transactions} as a consumer: each poll syncs every account of the login (or {@code accountId}) and
 * delivers its added, modified and removed transactions, oldest first, one per exchange. The state moves on only for
 * exchanges that completed; the first failure ends the account's batch, and the next poll resumes there.
 * <p>
 * Over JMX (with camel-management) an operator can sync now and forget an account's state.
 */
@ManagedResource(description = "Managed Finsify transactions consumer: the sync feed of one login")
public class FinsifyTransactionsConsumer extends ScheduledBatchPollingConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(FinsifyTransactionsConsumer.class);

    private TransactionSync sync;
    private TransactionSync.Session session;
    private volatile Long loginId;
    private final EventDelivery delivery = new ConsumerDelivery(this);
    /** A sync asked for over JMX and the scheduled polls take turns: they share the session in hand. */
    private final Lock polls = new ReentrantLock();
    private final SyncStatistics statistics;
    private FinsifyMetrics.Binding meters;
    /** Set when the route left Camel's default handler of failed polls: it then logs a failure once, not per poll. */
    private PollFailureLog pollFailures;

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
        if (getExceptionHandler() instanceof LoggingExceptionHandler) {
            pollFailures = new PollFailureLog(LOG, "The sync of route " + getRouteId());
            setExceptionHandler(pollFailures);
        }
        super.doStart();
        meters = getEndpoint().getComponent().metrics().bindSync(getRouteId(), statistics);
    }

    @Override
    protected void doStop() throws Exception {
        if (meters != null) {
            meters.close();
            meters = null;
        }
        super.doStop();
    }

    @Override
    protected int poll() throws Exception {
        polls.lock();
        try {
            int delivered = syncAccounts();
            if (pollFailures != null) {
                pollFailures.succeeded();
            }
            return delivered;
        } finally {
            polls.unlock();
        }
    }

    @ManagedOperation(description = "Syncs the login now, in this call, after any poll in progress; answers how many "
                                    + "changes were delivered")
    public int syncNow() throws Exception {
        if (!isPollAllowed()) {
            throw new IllegalStateException("The consumer of route " + getRouteId() + " is not running or suspended");
        }
        return poll();
    }

    @ManagedOperation(description = "Forgets the sync state of one account of the login: its next sync starts over "
                                    + "and delivers the account's whole window again")
    public void forgetAccountState(long accountId) {
        FinsifyConfiguration configuration = getEndpoint().getConfiguration();
        if (!isRunAllowed()) {
            throw new IllegalStateException("The consumer of route " + getRouteId() + " is not running");
        }
        if (configuration.getAccountId() != null && configuration.getAccountId() != accountId) {
            throw new IllegalArgumentException("This feed syncs only account " + configuration.getAccountId()
                                               + ", not " + accountId);
        }
        sync.forget(getEndpoint().getClient(), configuration.getLoginSecret(), accountId);
    }

    /** The login of the last poll, or {@code null} before the first (or for a login without accounts). */
    Long loginId() {
        return loginId;
    }

    private int syncAccounts() throws Exception {
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
