package io.github.camelfinsify.examples.banksync;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.github.camelfinsify.model.Account;

/**
 * What one run did: the summary it printed, as data.
 *
 * @param loginId             the connected login
 * @param accounts            its accounts with their balances, at the end of the run
 * @param transactionsByAccount rows in the database per account of the login
 * @param backfilled          changes the backfill applied
 * @param webhookEvents       webhook events that changed transactions
 * @param webhookAdded        transactions added from webhooks
 * @param webhookModified     transactions changed from webhooks
 * @param webhookRemoved      transactions removed from webhooks
 * @param spendSince          first day of the spend-by-category period
 * @param spendByCategory     spend per category and currency since {@code spendSince}
 */
public record BankSyncReport(long loginId, List<Account> accounts, Map<Long, Long> transactionsByAccount,
                             int backfilled, int webhookEvents, int webhookAdded, int webhookModified,
                             int webhookRemoved, LocalDate spendSince, List<Spend> spendByCategory) {

    public BankSyncReport {
        accounts = List.copyOf(accounts);
        transactionsByAccount = Map.copyOf(transactionsByAccount);
        spendByCategory = List.copyOf(spendByCategory);
    }

    /** All transactions of the login in the database. */
    public long totalTransactions() {
        return transactionsByAccount.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Spend of one category in one currency. */
    public record Spend(String category, String currency, long transactions, BigDecimal spent) {
    }
}
