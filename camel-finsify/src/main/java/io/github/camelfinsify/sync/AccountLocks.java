package io.github.camelfinsify.sync;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per account, held by one sync session at a time. A lock exists only while a session holds it or waits
 * for it: the last one to let go removes it, so a book of 100,000 logins leaves no lock behind once swept. Thread-safe.
 */
final class AccountLocks {

    private final Map<Long, Entry> entries = new ConcurrentHashMap<>();

    /** Waits for the account's lock. */
    Held lock(long accountId) {
        Entry entry = enter(accountId);
        entry.lock.lock();
        return new Held(accountId, entry);
    }

    /** The account's lock if it is free within {@code maxWait}, else {@code null}. */
    Held tryLock(long accountId, Duration maxWait) throws InterruptedException {
        Entry entry = enter(accountId);
        boolean locked = false;
        try {
            locked = entry.lock.tryLock(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            if (!locked) {
                leave(accountId);
            }
        }
        return locked ? new Held(accountId, entry) : null;
    }

    /** How many accounts have a lock now (held or waited for). */
    int size() {
        return entries.size();
    }

    /** Counts the caller among the lock's users, creating it if needed (atomically per account). */
    private Entry enter(long accountId) {
        return entries.compute(accountId, (id, entry) -> {
            Entry e = entry == null ? new Entry() : entry;
            e.users++;
            return e;
        });
    }

    private void leave(long accountId) {
        entries.computeIfPresent(accountId, (id, entry) -> --entry.users == 0 ? null : entry);
    }

    /** A lock with the number of sessions holding or waiting for it; changed only inside the map's compute. */
    private static final class Entry {
        private final ReentrantLock lock = new ReentrantLock();
        private int users;
    }

    /** A held account lock. */
    final class Held {
        private final long accountId;
        private final Entry entry;

        private Held(long accountId, Entry entry) {
            this.accountId = accountId;
            this.entry = entry;
        }

        void unlock() {
            entry.lock.unlock();
            leave(accountId);
        }
    }
}
