package io.github.camelfinsify.bench;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import io.github.camelfinsify.sync.BulkStateRepository;
import org.apache.camel.spi.StateRepository;

/**
 * The sync state as the consumer sees it, counting the account states read: the end of a sweep that delivers
 * nothing shows here and nowhere else (each synced login reads its accounts' states as its batch opens, just before
 * their calls; a session that changed nothing writes nothing). Every call goes to the real repository, in bulk when
 * it is a {@link BulkStateRepository}, so the consumer takes the same path as over the repository itself.
 */
final class CountingStateRepository implements BulkStateRepository {

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
        if (key.startsWith(ACCOUNT_KEYS)) {
            counted(1);
        }
        return value;
    }

    @Override
    public Map<String, String> getStates(Collection<String> keys) {
        Map<String, String> states;
        if (delegate instanceof BulkStateRepository bulk) {
            states = bulk.getStates(keys);
        } else {
            states = new HashMap<>();
            for (String key : keys) {
                String value = delegate.getState(key);
                if (value != null) {
                    states.put(key, value);
                }
            }
        }
        counted(keys.stream().filter(key -> key.startsWith(ACCOUNT_KEYS)).count());
        return states;
    }

    @Override
    public void setStates(Map<String, String> states) {
        if (delegate instanceof BulkStateRepository bulk) {
            bulk.setStates(states);
        } else {
            states.forEach(delegate::setState);
        }
    }

    @Override
    public void setStates(Map<String, String> states, Set<String> unstored) {
        if (delegate instanceof BulkStateRepository bulk) {
            bulk.setStates(states, unstored);
        } else {
            states.forEach(delegate::setState);
        }
    }

    private void counted(long reads) {
        long before = accountReads.getAndAdd(reads);
        if (before < target && before + reads >= target) {
            reachedNanos = System.nanoTime();
        }
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
