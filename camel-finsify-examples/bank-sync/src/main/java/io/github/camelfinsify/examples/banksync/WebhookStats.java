package io.github.camelfinsify.examples.banksync;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.camelfinsify.ChangeType;
import io.github.camelfinsify.FinsifyConstants;
import io.github.camelfinsify.model.NewTransactionsEvent;
import io.github.camelfinsify.model.RemovedTransaction;
import io.github.camelfinsify.model.Transaction;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Bean {@code bankSyncStats}: counts the webhook events and the transaction changes the webhook route applied.
 */
public final class WebhookStats {

    private final PrintStream out;
    private final Set<String> events = ConcurrentHashMap.newKeySet();
    private final AtomicInteger added = new AtomicInteger();
    private final AtomicInteger modified = new AtomicInteger();
    private final AtomicInteger removed = new AtomicInteger();
    private final AtomicInteger otherEvents = new AtomicInteger();
    private final Semaphore applied = new Semaphore(0);

    public WebhookStats(PrintStream out) {
        this.out = out;
    }

    /** The webhook route calls this after a transaction of an event was written (or deleted). */
    public void transactionApplied(Exchange exchange) {
        Message message = exchange.getMessage();
        ChangeType type = message.getHeader(FinsifyConstants.CHANGE_TYPE, ChangeType.class);
        NewTransactionsEvent event = message.getHeader(FinsifyConstants.EVENT, NewTransactionsEvent.class);
        String key = event == null ? "unknown" : event.referenceId() != null ? event.referenceId()
                : event.loginId() + "@" + event.timestamp();
        boolean firstOfEvent = events.add(key);
        switch (type == null ? ChangeType.ADDED : type) {
            case ADDED -> added.incrementAndGet();
            case MODIFIED -> modified.incrementAndGet();
            case REMOVED -> removed.incrementAndGet();
        }
        out.printf("     webhook: %s transaction %s of account %s%s%n", type,
                transactionId(message.getBody()), message.getHeader(FinsifyConstants.ACCOUNT_ID),
                firstOfEvent ? " (new event)" : "");
        applied.release();
    }

    private static Object transactionId(Object body) {
        if (body instanceof Transaction t) {
            return t.id();
        }
        return body instanceof RemovedTransaction r ? r.id() : "?";
    }

    /** A login-status or unknown event: counted, and printed by the route. */
    public void otherEvent() {
        otherEvents.incrementAndGet();
    }

    /** Waits until {@code count} more transaction changes were applied from webhooks. */
    public void awaitApplied(int count, Duration timeout) throws InterruptedException, TimeoutException {
        if (!applied.tryAcquire(count, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new TimeoutException("Expected " + count + " transaction changes from webhooks within " + timeout
                                       + "; " + applied.availablePermits() + " arrived");
        }
    }

    public int events() {
        return events.size();
    }

    public int added() {
        return added.get();
    }

    public int modified() {
        return modified.get();
    }

    public int removed() {
        return removed.get();
    }

    public int otherEvents() {
        return otherEvents.get();
    }
}
