package io.github.camelfinsify.examples.banksync;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.camelfinsify.FinsifyConstants;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.spi.ExceptionHandler;
import org.apache.camel.spi.PollingConsumerPollStrategy;

/**
 * Bean {@code bankSyncProgress}: counts what the backfill route applied and prints the progress. It is also the
 * polling consumer's {@code pollStrategy} and {@code exceptionHandler}: the backfill is complete once a poll commits
 * without a failure and finds nothing more to deliver (the feed is drained).
 */
public final class BackfillProgress implements PollingConsumerPollStrategy, ExceptionHandler {

    private static final int PRINT_EVERY = 250;

    private final PrintStream out;
    private final AtomicInteger transactions = new AtomicInteger();
    private final Set<Long> accountsDone = ConcurrentHashMap.newKeySet();
    private final CompletableFuture<Integer> drained = new CompletableFuture<>();
    private volatile int accountsTotal;
    private volatile boolean failedThisPoll;
    private volatile boolean allAccountsDone;
    private volatile String lastFailure;

    public BackfillProgress(PrintStream out) {
        this.out = out;
    }

    /** Called before the backfill route starts. */
    public void start(int totalAccounts) {
        this.accountsTotal = totalAccounts;
        out.printf("   backfilling %d accounts...%n", totalAccounts);
    }

    /** The backfill route calls this after each transaction was written (or deleted). */
    public void transactionApplied(Exchange exchange) {
        int count = transactions.incrementAndGet();
        Long accountId = exchange.getMessage().getHeader(FinsifyConstants.ACCOUNT_ID, Long.class);
        boolean accountComplete = Boolean.TRUE.equals(
                exchange.getProperty(ExchangePropertyKey.BATCH_COMPLETE, Boolean.class));
        if (accountComplete && accountId != null && accountsDone.add(accountId)) {
            print("account " + accountId + " done");
        } else if (count % PRINT_EVERY == 0) {
            print(null);
        }
    }

    private void print(String note) {
        out.printf("   backfill: %d/%d accounts, %,d transactions%s%n", allAccountsDone ? accountsTotal : Math.min(accountsDone.size(), accountsTotal),
                accountsTotal, transactions.get(), note == null ? "" : " (" + note + ")");
    }

    public int transactions() {
        return transactions.get();
    }

    /** Waits until a poll found nothing more to deliver; answers the number of transactions applied. */
    public int awaitDrained(Duration timeout) throws InterruptedException, TimeoutException {
        try {
            return drained.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new TimeoutException("The backfill did not complete within " + timeout
                                       + (lastFailure == null ? "" : "; last failure: " + lastFailure));
        }
    }

    // ------------------------------------------------------------------ PollingConsumerPollStrategy

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        failedThisPoll = false;
        return true;
    }

    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        if (failedThisPoll || drained.isDone()) {
            return;
        }
        if (polledMessages == 0) {
            drained.complete(transactions.get());
        } else if (!allAccountsDone) {
            // accounts without any change produce no exchange: a clean poll has done them all
            allAccountsDone = true;
            print("first pass complete");
        }
    }

    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
        failedThisPoll = true;
        lastFailure = String.valueOf(cause.getMessage());
        out.println("   backfill: poll failed (" + cause.getMessage() + "); the next poll resumes where it stopped");
        return false;
    }

    // ------------------------------------------------------------------ ExceptionHandler (failed exchanges)

    @Override
    public void handleException(Throwable exception) {
        handleException(null, null, exception);
    }

    @Override
    public void handleException(String message, Throwable exception) {
        handleException(message, null, exception);
    }

    @Override
    public void handleException(String message, Exchange exchange, Throwable exception) {
        failedThisPoll = true;
        lastFailure = String.valueOf(exception);
        out.println("   backfill: " + (message == null ? "failure" : message) + ": " + exception);
    }
}
