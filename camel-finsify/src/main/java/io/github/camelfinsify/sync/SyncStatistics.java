package io.github.camelfinsify.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;

import io.github.camelfinsify.ChangeType;
import io.github.camelfinsify.client.FinsifyErrorCode;

/**
 * What one sync consumer did, for metrics and consoles: counts, and per login only the time of its last completed
 * sync (about 80 bytes a login) and, while it fails, since when and with which code. Thread-safe; no secret and no
 * transaction content is kept.
 */
public final class SyncStatistics {

    /** A login that fails: since when, and the code of its last failure ({@code null} when it had none). */
    public record FailingLogin(long loginId, Instant since, FinsifyErrorCode lastError) {
    }

    /** A login's last completed sync and how long ago it was. */
    public record LoginLag(long loginId, Instant lastSynced, Duration lag) {
    }

    /** How often a code was seen, and when last. */
    public record ErrorCount(long count, Instant last) {
    }

    private static final LongConsumer NO_LISTENER = lagMillis -> {
    };

    private final Clock clock;
    private final LongAdder loginsSynced = new LongAdder();
    private final LongAdder accountsSynced = new LongAdder();
    private final Map<ChangeType, LongAdder> changes = new EnumMap<>(ChangeType.class);
    /** Login id to the epoch millis of its last completed sync. */
    private final Map<Long, Long> lastSynced = new ConcurrentHashMap<>();
    private final Map<Long, FailingLogin> failing = new ConcurrentHashMap<>();
    private final Set<Long> needingUser = ConcurrentHashMap.newKeySet();
    private final Map<FinsifyErrorCode, AtomicLong> errorCounts = new ConcurrentHashMap<>();
    private final Map<FinsifyErrorCode, Long> errorLast = new ConcurrentHashMap<>();
    private volatile LongConsumer syncLagListener = NO_LISTENER;

    public SyncStatistics(Clock clock) {
        this.clock = clock;
        for (ChangeType type : ChangeType.values()) {
            changes.put(type, new LongAdder()); // filled once: reads need no lock
        }
    }

    // --- recording -----------------------------------------------------------------------------------------

    /** A change was delivered (and committed). */
    public void changeDelivered(ChangeType type) {
        changes.get(type).increment();
    }

    /** Every change of one account was delivered. */
    public void accountSynced() {
        accountsSynced.increment();
    }

    /**
     * Hears, at each completed sync of a login that had completed one before, how long ago that was, in
     * milliseconds: how far behind the login had fallen. {@code null} hears nothing.
     */
    public void onSyncLag(LongConsumer listener) {
        syncLagListener = listener == null ? NO_LISTENER : listener;
    }

    /** Every account of the login was synced: it is no longer failing nor waiting for its user. */
    public void loginSynced(long loginId) {
        loginsSynced.increment();
        long now = clock.millis();
        Long previous = lastSynced.put(loginId, now);
        if (previous != null) {
            syncLagListener.accept(now - previous);
        }
        failing.remove(loginId);
        needingUser.remove(loginId);
    }

    /** A sync of the login failed; {@code code} is {@code null} for a failure that was not the API's. */
    public void loginFailed(long loginId, FinsifyErrorCode code) {
        Instant now = clock.instant();
        failing.compute(loginId, (id, earlier) -> new FailingLogin(id, earlier == null ? now : earlier.since(), code));
        if (code != null) {
            errorCounts.computeIfAbsent(code, c -> new AtomicLong()).incrementAndGet();
            errorLast.put(code, now.toEpochMilli());
        }
    }

    /** The login waits for its user (credentials, MFA, ...): it is not synced until it works again. */
    public void loginNeedsUser(long loginId) {
        needingUser.add(loginId);
    }

    /** The login left the directory, or the API knows it no more: it is forgotten. */
    public void loginGone(long loginId) {
        lastSynced.remove(loginId);
        failing.remove(loginId);
        needingUser.remove(loginId);
    }

    // --- reading -------------------------------------------------------------------------------------------

    public long loginsSynced() {
        return loginsSynced.sum();
    }

    public long accountsSynced() {
        return accountsSynced.sum();
    }

    public long changes(ChangeType type) {
        return changes.get(type).sum();
    }

    /** How many logins completed a sync at least once and are still known. */
    public int loginsTracked() {
        return lastSynced.size();
    }

    public int loginsFailing() {
        return failing.size();
    }

    public int loginsNeedingUser() {
        return needingUser.size();
    }

    /** The age of each tracked login's last completed sync, in seconds, ascending. */
    public double[] lagSeconds() {
        long now = clock.millis();
        double[] lags = lastSynced.values().stream().mapToDouble(at -> (now - at) / 1000.0).toArray();
        Arrays.sort(lags);
        return lags;
    }

    /** The age of the oldest last completed sync, or zero when no login completed one. */
    public Duration oldestLag() {
        long now = clock.millis();
        return lastSynced.values().stream().min(Long::compare)
                .map(at -> Duration.ofMillis(now - at)).orElse(Duration.ZERO);
    }

    /** The {@code n} logins whose last completed sync is oldest, oldest first. */
    public List<LoginLag> mostBehind(int n) {
        Instant now = clock.instant();
        return lastSynced.entrySet().stream()
                .sorted(Map.Entry.comparingByValue())
                .limit(n)
                .map(e -> new LoginLag(e.getKey(), Instant.ofEpochMilli(e.getValue()),
                        Duration.between(Instant.ofEpochMilli(e.getValue()), now)))
                .toList();
    }

    /** The {@code n} logins failing longest, longest first. */
    public List<FailingLogin> longestFailing(int n) {
        return failing.values().stream().sorted(Comparator.comparing(FailingLogin::since)).limit(n).toList();
    }

    /** The API errors seen, by code: how often and when last. */
    public Map<FinsifyErrorCode, ErrorCount> errors() {
        Map<FinsifyErrorCode, ErrorCount> errors = new EnumMap<>(FinsifyErrorCode.class);
        errorCounts.forEach((code, count) -> errors.put(code,
                new ErrorCount(count.get(), Instant.ofEpochMilli(errorLast.getOrDefault(code, 0L)))));
        return errors;
    }
}
