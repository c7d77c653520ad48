package io.github.camelfinsify.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.WeakHashMap;

import io.github.camelfinsify.ChangeType;
import io.github.camelfinsify.client.FinsifyClient;
import io.github.camelfinsify.model.Account;
import io.github.camelfinsify.model.Transaction;
import org.apache.camel.spi.StateRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the date-range transaction API into a feed of added, modified and removed transactions, per account. A
 * {@link Session} lists the account's window, diffs it against the stored {@link SyncState}, and moves the state on
 * only for the changes the caller {@linkplain Session#commit commits}; the cursor advances only when every change of
 * the window was committed. The polling and the webhook consumers share this class, and sessions of one account and
 * state repository run one at a time in a JVM, so both can run side by side without delivering a change twice.
 */
public final class TransactionSync {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionSync.class);

    /** Persist at least this often during a long session, so a crash re-delivers at most this many changes. */
    static final int SAVE_EVERY = 100;
    /** How long forgetting an account's state (an operator's call, over JMX) waits for a session of it in flight. */
    static final long FORGET_MAX_WAIT_SECONDS = 10;

    /**
     * The account locks of each state repository, for every consumer in this JVM. Weak keys: a repository no longer
     * used (a stopped context) takes its locks with it.
     */
    private static final Map<StateRepository<String, String>, AccountLocks> LOCKS =
            Collections.synchronizedMap(new WeakHashMap<>());

    private final StateRepository<String, String> repository;
    private final int lookbackDays;
    private final LocalDate initialFromDate;
    private final Set<ChangeType> changeTypes;
    private final Clock clock;
    private final AccountLocks locks;

    public TransactionSync(StateRepository<String, String> repository, int lookbackDays, LocalDate initialFromDate,
                    Set<ChangeType> changeTypes, Clock clock) {
        this.repository = repository;
        this.lookbackDays = lookbackDays;
        this.initialFromDate = initialFromDate;
        this.changeTypes = Set.copyOf(changeTypes);
        this.clock = clock;
        this.locks = LOCKS.computeIfAbsent(repository, r -> new AccountLocks());
    }

    /** Reads {@code changeTypes} ("added,modified,removed"), naming the bad value if there is one. */
    public static Set<ChangeType> parseChangeTypes(String value) {
        Set<ChangeType> types = new HashSet<>();
        for (String part : value.split(",")) {
            String name = part.trim();
            if (!name.isEmpty()) {
                try {
                    types.add(ChangeType.valueOf(name.toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("Option changeTypes has an unknown change type '" + name
                                                       + "'; use added, modified and/or removed", e);
                }
            }
        }
        return types;
    }

    public static String stateKey(long accountId) {
        return "finsify-sync:" + accountId;
    }

    /** Opens the account's session: waits for any other session of it, then fetches and diffs its window. */
    public Session open(FinsifyClient client, String loginSecret, long accountId) {
        AccountLocks.Held lock = locks.lock(accountId);
        return fetch(client, loginSecret, accountId, lock);
    }

    /**
     * Opens the account's session, waiting at most {@code maxWait} for another session of it.
     *
     * @throws SyncInProgressException when the other session is still running after that
     */
    public Session open(FinsifyClient client, String loginSecret, long accountId, Duration maxWait) {
        return fetch(client, loginSecret, accountId, lock(accountId, maxWait));
    }

    /**
     * Forgets what the feed knows of one of the login's accounts: its next session starts over from the initial date
     * and delivers its whole window again, as added. Waits a while for a session of the account in flight, whose own
     * save would otherwise undo this.
     *
     * @throws IllegalArgumentException when the login has no such account
     * @throws SyncInProgressException  when a session of the account is still running after that
     */
    public void forget(FinsifyClient client, String loginSecret, long accountId) {
        List<Long> accounts = client.accounts(loginSecret).data().stream().map(Account::id).toList();
        if (!accounts.contains(accountId)) {
            throw new IllegalArgumentException("The login has no account " + accountId + "; its accounts are "
                                               + accounts);
        }
        AccountLocks.Held lock = lock(accountId, Duration.ofSeconds(FORGET_MAX_WAIT_SECONDS));
        try {
            // a StateRepository cannot remove a key: an empty state reads as a fresh start
            repository.setState(stateKey(accountId), SyncState.empty().encode());
        } finally {
            lock.unlock();
        }
        LOG.info("The sync state of account {} was forgotten: its next sync delivers its window again", accountId);
    }

    private AccountLocks.Held lock(long accountId, Duration maxWait) {
        AccountLocks.Held lock;
        try {
            lock = locks.tryLock(accountId, maxWait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SyncInProgressException(accountId);
        }
        if (lock == null) {
            throw new SyncInProgressException(accountId);
        }
        return lock;
    }

    /**
     * Opens a batch of one login's accounts: waits for all their locks (taken in ascending order, so two batches never
     * deadlock) and, with a {@link BulkStateRepository}, reads their states in one round trip and writes them in one
     * when the batch closes. Open each account's session through the batch; close the batch in all cases.
     */
    public Batch openBatch(Collection<Long> accountIds) {
        Map<Long, AccountLocks.Held> held = new LinkedHashMap<>();
        try {
            for (long accountId : new TreeSet<>(accountIds)) {
                held.put(accountId, locks.lock(accountId));
            }
            Map<Long, String> stored = new HashMap<>();
            if (repository instanceof BulkStateRepository bulk && !held.isEmpty()) {
                List<String> keys = held.keySet().stream().map(TransactionSync::stateKey).toList();
                Map<String, String> values = bulk.getStates(keys);
                for (long accountId : held.keySet()) {
                    stored.put(accountId, values.get(stateKey(accountId)));
                }
            }
            return new Batch(held, stored);
        } catch (RuntimeException e) {
            held.values().forEach(AccountLocks.Held::unlock);
            throw e;
        }
    }

    /** Fetches and diffs the window of an account whose lock the caller holds; releases it on failure. */
    private Session fetch(FinsifyClient client, String loginSecret, long accountId, AccountLocks.Held lock) {
        try {
            return fetch(client, loginSecret, accountId, readState(accountId), lock, null);
        } catch (RuntimeException e) {
            lock.unlock();
            throw e;
        }
    }

    private Session fetch(FinsifyClient client, String loginSecret, long accountId, SyncState state,
                          AccountLocks.Held lock, Batch batch) {
        LocalDate today = LocalDate.now(clock);
        // the look-back never reaches before the history asked for: what is older was never the feed's to deliver
        LocalDate from = state.cursor() == null || state.cursor().minusDays(lookbackDays).isBefore(initialFromDate)
                ? initialFromDate : state.cursor().minusDays(lookbackDays);
        List<Transaction> window = client.transactions(loginSecret, accountId, from, today).data();
        return new Session(accountId, state, diff(accountId, state, window, from, today), today, lock, batch);
    }

    public SyncState readState(long accountId) {
        return decode(accountId, repository.getState(stateKey(accountId)));
    }

    /**
     * A damaged value (a crash in the middle of a file repository's write) must not stop the feed for good: the
     * account starts afresh, which delivers its window again (sinks upsert by id).
     */
    private static SyncState decode(long accountId, String stored) {
        try {
            return SyncState.decode(stored);
        } catch (RuntimeException damaged) {
            LOG.warn("The sync state of account {} cannot be read ({}); the account starts afresh and its window is "
                     + "delivered again", accountId, damaged.toString());
            return SyncState.empty();
        }
    }

    private static List<TransactionChange> diff(long accountId, SyncState state, List<Transaction> window,
                                                LocalDate from, LocalDate today) {
        List<TransactionChange> changes = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (Transaction tx : window) {
            if (!seen.add(tx.id())) {
                continue; // a page listing the same transaction twice changes nothing
            }
            SyncState.Fingerprint known = state.get(tx.id());
            if (known == null) {
                changes.add(TransactionChange.of(ChangeType.ADDED, accountId, tx));
            } else if (known.hash() != SyncState.Fingerprint.of(tx).hash()) {
                changes.add(TransactionChange.of(ChangeType.MODIFIED, accountId, tx));
            }
        }
        long first = from.toEpochDay();
        long last = today.toEpochDay();
        for (SyncState.Fingerprint known : state.fingerprints()) {
            if (!seen.contains(known.id()) && known.isWithin(first, last)) {
                changes.add(TransactionChange.removed(accountId, known));
            }
        }
        changes.sort(Comparator.comparing(TransactionChange::date, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparingLong(TransactionChange::id));
        return changes;
    }

    /**
     * The changes of one account's window, oldest first. Commit each change once its exchange completed; close the
     * session in all cases (it saves the state and lets the next session of the account run).
     */
    public final class Session implements AutoCloseable {

        private final long accountId;
        private final SyncState state;
        private final List<TransactionChange> changes;
        private final LocalDate today;
        private final AccountLocks.Held lock;
        /** The batch that holds the lock and writes the state, or null for a session on its own. */
        private final Batch batch;
        private int committed;
        private int unsaved;
        private boolean closed;

        private Session(long accountId, SyncState state, List<TransactionChange> changes, LocalDate today,
                        AccountLocks.Held lock, Batch batch) {
            this.accountId = accountId;
            this.state = state;
            this.changes = changes;
            this.today = today;
            this.lock = lock;
            this.batch = batch;
        }

        public long accountId() {
            return accountId;
        }

        /** Whether every change of the window was committed. */
        public boolean isComplete() {
            return committed == changes.size();
        }

        /** Every change of the window, oldest first, including those of types the feed does not deliver. */
        public List<TransactionChange> changes() {
            return changes;
        }

        /** Whether the feed delivers this change; the others are committed without an exchange. */
        public boolean isDelivered(TransactionChange change) {
            return changeTypes.contains(change.type());
        }

        /** Records a delivered (or skipped) change in the state. */
        public void commit(TransactionChange change) {
            if (change.type() == ChangeType.REMOVED) {
                state.remove(change.id());
            } else {
                state.put(SyncState.Fingerprint.of((Transaction) change.body()));
            }
            committed++;
            if (++unsaved >= SAVE_EVERY) {
                String checkpoint = state.checkpoint();
                repository.setState(stateKey(accountId), checkpoint);
                if (batch != null) {
                    batch.checkpointed(accountId, checkpoint);
                }
                unsaved = 0;
            }
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                if (isComplete()) {
                    // the whole window is delivered: the next sync starts from here
                    state.cursor(today);
                    state.pruneBefore(today.minusDays(lookbackDays));
                }
                // a sync that found nothing new writes nothing (most accounts of most sweeps); otherwise compact
                // again, so the next session starts from one entry per transaction
                if (!state.isUnchanged()) {
                    if (batch != null) {
                        batch.write(accountId, state.encode());
                    } else {
                        repository.setState(stateKey(accountId), state.encode());
                    }
                }
            } finally {
                if (batch == null) {
                    lock.unlock();
                }
            }
        }
    }

    /**
     * The sessions of one login's accounts, holding every account's lock until it closes. With a
     * {@link BulkStateRepository} the states were read as the batch opened and the sessions' final states are written
     * together as it closes, still under the locks, so no other session of this JVM sees an older state; a crash
     * before that re-delivers the login's changes (at least once, as at any crash edge). With any other repository
     * each session reads and writes its own state, as on its own.
     */
    public final class Batch implements AutoCloseable {

        private final Map<Long, AccountLocks.Held> locks;
        /** The latest state value of each account, read or written (bulk repository only). */
        private final Map<Long, String> stored;
        private final Map<String, String> unwritten = new LinkedHashMap<>();
        /** The keys that had no stored state when the batch read them, and were not saved since. */
        private final Set<String> unstored = new HashSet<>();
        private boolean closed;

        private Batch(Map<Long, AccountLocks.Held> locks, Map<Long, String> stored) {
            this.locks = locks;
            this.stored = stored;
            stored.forEach((accountId, value) -> {
                if (value == null) {
                    unstored.add(stateKey(accountId));
                }
            });
        }

        /** Opens the session of one of the batch's accounts: fetches and diffs its window. */
        public Session open(FinsifyClient client, String loginSecret, long accountId) {
            AccountLocks.Held lock = locks.get(accountId);
            if (lock == null || closed) {
                throw new IllegalArgumentException("Account " + accountId + " is not in this open batch");
            }
            SyncState state = isBulk() ? decode(accountId, stored.get(accountId)) : readState(accountId);
            return fetch(client, loginSecret, accountId, state, lock, this);
        }

        private boolean isBulk() {
            return repository instanceof BulkStateRepository;
        }

        private void write(long accountId, String value) {
            if (isBulk()) {
                stored.put(accountId, value);
                unwritten.put(stateKey(accountId), value);
            } else {
                repository.setState(stateKey(accountId), value);
            }
        }

        /** A long session saved its state on its own: that value supersedes any this batch had yet to write. */
        private void checkpointed(long accountId, String value) {
            if (isBulk()) {
                stored.put(accountId, value);
                unwritten.remove(stateKey(accountId));
                unstored.remove(stateKey(accountId));
            }
        }

        /** Writes the states the sessions left and lets go of the accounts' locks. */
        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                if (!unwritten.isEmpty()) {
                    unstored.retainAll(unwritten.keySet());
                    ((BulkStateRepository) repository).setStates(unwritten, unstored);
                }
            } finally {
                locks.values().forEach(AccountLocks.Held::unlock);
            }
        }
    }
}
