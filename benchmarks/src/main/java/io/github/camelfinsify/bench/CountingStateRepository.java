package io.github.camelfinsify.bench;

import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.spi.StateRepository;

/**
 * The sync state as the consumer sees it, counting the account states read: the end of a sweep that delivers
 * nothing shows here and nowhere else (each synced account reads its state once, as its session opens, just before
 * its one call; a session that changed nothing writes nothing). Every call goes to the real repository.
 */
final class CountingStateRepository implements StateRepository<String, String> {

    private static final String ACCOUNT_KEYS = "finsify-sync:";

    private final StateRepository<String, String> delegate;
    private final AtomicLong accountReads = new AtomicLong();
    private volatile long target = Long.MAX_VALUE;
    private volatile long reachedNanos;

    CountingStateRepository(StateRepository<String, String> delegate) {
        this.delegate = delegate;
    }

    @Override
    public void setState(String key, String value) {
        delegate.setState(key, value);
    }

    @Override
    public String getState(String key) {
        String value = delegate.getState(key);
        if (key.startsWith(ACCOUNT_KEYS) && accountReads.incrementAndGet() == target) {
            reachedNanos = System.nanoTime();
        }
        return value;
    }

    /** From now on, remember when the count of account reads reaches {@code reads}. */
    void watchFor(long reads) {
        target = reads;
        if (accountReads.get() >= reads && reachedNanos == 0) {
            reachedNanos = System.nanoTime();
        }
    }

    boolean reached() {
        return reachedNanos != 0;
    }

    long reachedNanos() {
        return reachedNanos;
    }

    long accountReads() {
        return accountReads.get();
    }

    StateRepository<String, String> inner() {
        return delegate;
    }

    @Override
    public void start() {
        delegate.start();
    }

    @Override
    public void stop() {
        delegate.stop();
    }
}
