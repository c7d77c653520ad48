package io.github.camelfinsify;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.LongPredicate;

import io.github.camelfinsify.client.FinsifyApiException;
import io.github.camelfinsify.client.FinsifyClient;
import io.github.camelfinsify.client.FinsifyErrorCode;
import io.github.camelfinsify.model.Account;
import io.github.camelfinsify.sync.CallThrottle;
import io.github.camelfinsify.sync.SyncStatistics;
import io.github.camelfinsify.sync.TransactionSync;

/**
 * Syncs one login of the book: lists its accounts and delivers each account's changes, as the single-login feed does.
 * Every API call waits for the consumer's {@link CallThrottle}, and a 429 holds back every login, not only this one.
 */
final class LoginSyncer {

    /** How a login's sync ended. */
    enum Result {
        /** Every change of the accounts synced was delivered. */
        SYNCED,
        /** A retryable failure (API, network, the route): try the login again soon. */
        RETRY,
        /** The API knows no such login: nothing to retry until the directory changes. */
        GONE
    }

    /** How long every login waits after a 429 that named no Retry-After. */
    private static final Duration RATE_LIMIT_PAUSE = Duration.ofSeconds(1);

    private final FinsifyClient client;
    private final TransactionSync sync;
    private final CallThrottle throttle;
    private final EventDelivery delivery;
    /** Whether to go on with a login: false when the consumer stops, or the login turned out to need its user. */
    private final LongPredicate running;
    private final SyncStatistics statistics;
    private final SyncProgressLog progress;

    LoginSyncer(FinsifyClient client, TransactionSync sync, CallThrottle throttle, EventDelivery delivery,
                LongPredicate running, SyncStatistics statistics, SyncProgressLog progress) {
        this.client = client;
        this.sync = sync;
        this.throttle = throttle;
        this.delivery = delivery;
        this.running = running;
        this.statistics = statistics;
        this.progress = progress;
    }

    /** Syncs the given accounts of the login, or all of them when {@code onlyAccounts} is empty. */
    Result sync(long loginId, String secret, Set<Long> onlyAccounts) throws InterruptedException {
        try {
            Result result = syncAccounts(loginId, secret, onlyAccounts);
            if (result == Result.SYNCED) {
                statistics.loginSynced(loginId);
            }
            return result;
        } catch (FinsifyApiException e) {
            statistics.loginFailed(loginId, e.errorCode());
            if (e.errorCode() == FinsifyErrorCode.RATE_LIMITED) {
                throttle.pauseFor(e.retryAfter().orElse(RATE_LIMIT_PAUSE));
            }
            if (e.errorCode() == FinsifyErrorCode.LOGIN_NOT_FOUND) {
                return Result.GONE;
            }
            if (e.isRetryable()) {
                progress.failed(loginId, e.getMessage());
                return Result.RETRY;
            }
            throw e;
        } catch (RuntimeException e) {
            statistics.loginFailed(loginId, null);
            throw e;
        }
    }

    private Result syncAccounts(long loginId, String secret, Set<Long> onlyAccounts) throws InterruptedException {
        throttle.acquire();
        List<Long> accountIds = client.accounts(secret).data().stream().map(Account::id)
                .filter(id -> onlyAccounts.isEmpty() || onlyAccounts.contains(id)).toList();
        // one batch per login: its accounts' states are read, and written, in one round trip where the repository
        // can (BulkStateRepository)
        try (TransactionSync.Batch batch = sync.openBatch(accountIds)) {
            for (long accountId : accountIds) {
                if (!running.test(loginId)) {
                    return Result.RETRY;
                }
                throttle.acquire();
                try (TransactionSync.Session session = batch.open(client, secret, accountId)) {
                    SyncExchanges.deliver(session, delivery, loginId, statistics, (exchange, index, size) -> { },
                            () -> running.test(loginId));
                    if (!session.isComplete()) {
                        if (running.test(loginId)) {
                            statistics.loginFailed(loginId, null);
                            progress.failed(loginId, "the route failed a change of account " + accountId);
                        }
                        return Result.RETRY;
                    }
                }
                statistics.accountSynced();
            }
        }
        return Result.SYNCED;
    }
}
