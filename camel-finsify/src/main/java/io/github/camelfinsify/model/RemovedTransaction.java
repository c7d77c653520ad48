package io.github.camelfinsify.model;

import java.time.LocalDate;

/**
 * A transaction that was delivered before and no longer comes back from the API (a pending item the bank dropped).
 * Only its identity is known: the body of a {@code REMOVED} change.
 */
public record RemovedTransaction(long id, long accountId, LocalDate date) {
}
