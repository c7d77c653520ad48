package io.github.camelfinsify.bench;

import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.spi.StateRepository;

/**
 * The sync state as the consumer sees it, counting the account states written: the end of a sweep that delivers
 * nothing (each synced account writes its state once) shows here and nowhere else. Every call goes to the real
 * repository.
 */
final class CountingStateRepository implements StateRepository<String, String> {

    private static final String ACCOUNT_KEYS = "finsify-sync:";

    private final StateRepository<String, String> delegate;
    private final AtomicLong accountWrites = new AtomicLong();
    private volatile long target = Long.MAX_VALUE;
    private volatile long reachedNanos;

    CountingStateRepository(StateRepository<String, String> delegate) {
        this.delegate = delegate;
    }

    @Override
    public void setState(String key, String value) {
        delegate.setState(key, value);
        if (key.startsWith(ACCOUNT_KEYS) && accountWrites.incrementAndGet() == target) {
            reachedNanos = System.nanoTime();
        }
    }

    @Override
    public String getState(String key) {
        return delegate.getState(key);
    }

    /** From now on, remember when the count of account writes reaches {@code writes}. */
    void watchFor(long writes) {
        target = writes;
        if (accountWrites.get() >= writes && reachedNanos == 0) {
            reachedNanos = System.nanoTime();
        }
    }

    boolean reached() {
        return reachedNanos != 0;
    }

    long reachedNanos() {
        return reachedNanos;
    }

    long accountWrites() {
        return accountWrites.get();
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
