package io.github.camelfinsify.sync;

import java.time.LocalDate;

import io.github.camelfinsify.ChangeType;
import io.github.camelfinsify.model.RemovedTransaction;
import io.github.camelfinsify.model.Transaction;

/**
 * One entry of the sync feed: the body is a {@link Transaction}, or a {@link RemovedTransaction} for {@code REMOVED}.
 */
public record TransactionChange(ChangeType type, long accountId, long id, LocalDate date, Object body) {

    public static TransactionChange of(ChangeType type, long accountId, Transaction tx) {
        return new TransactionChange(type, accountId, tx.id(), tx.date(), tx);
    }

    public static TransactionChange removed(long accountId, SyncState.Fingerprint fingerprint) {
        return new TransactionChange(ChangeType.REMOVED, accountId, fingerprint.id(), fingerprint.date(),
                new RemovedTransaction(fingerprint.id(), accountId, fingerprint.date()));
    }
}
