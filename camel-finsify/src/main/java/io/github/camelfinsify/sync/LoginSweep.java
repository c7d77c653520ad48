package io.github.camelfinsify.sync;

import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Visits every login of a {@link LoginDirectory} once per reconciliation interval, spread evenly over it: each call
 * of {@link #due} gives the logins the interval's pace allows since the previous call, so there is no burst when a
 * sweep starts. The directory is read a page at a time, by id; a login added during a sweep is visited when the
 * cursor reaches it. Not thread-safe: one scheduler thread drives it.
 */
public final class LoginSweep {

    /** The cursor before the first login. */
    public static final long START = Long.MIN_VALUE;

    private final LoginDirectory directory;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private long cursor;
    private long lastNanos;
    private double credit;
    private long rounds;

    public LoginSweep(LoginDirectory directory, Duration interval, long cursor, LongSupplier nanoTime) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("The reconciliation interval must be positive, was " + interval);
        }
        this.directory = directory;
        this.intervalNanos = interval.toNanos();
        this.cursor = cursor;
        this.nanoTime = nanoTime;
        this.lastNanos = nanoTime.getAsLong();
    }

    /**
     * The logins due since the previous call, at most {@code max}; what is not taken stays owed, up to one whole
     * sweep.
     */
    public List<Long> due(int max) {
        long now = nanoTime.getAsLong();
        long size = directory.size();
        if (size == 0) {
            lastNanos = now;
            credit = 0;
            return List.of();
        }
        credit = Math.min(credit + (double) size * (now - lastNanos) / intervalNanos, size);
        lastNanos = now;
        int wanted = (int) Math.min(max, Math.floor(credit));
        if (wanted <= 0) {
            return List.of();
        }
        List<Long> ids = directory.loginIds(cursor, wanted);
        if (ids.size() < wanted) {
            // the end of the book: the next call starts the next sweep
            cursor = START;
            rounds++;
        } else {
            cursor = ids.get(ids.size() - 1);
        }
        credit -= ids.isEmpty() ? Math.floor(credit) : ids.size();
        return ids;
    }

    /** Where the sweep is: the last login id handed out, or {@link #START}. */
    public long cursor() {
        return cursor;
    }

    /** How many sweeps reached the end of the book. */
    public long rounds() {
        return rounds;
    }
}
