package io.github.camelfinsify.sync;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Visits every login of a {@link LoginDirectory} once per reconciliation interval, spread evenly over it: each call
 * of {@link #due} gives the logins the interval's pace allows since the previous call, so there is no burst when a
 * sweep starts. The directory is read a page of {@value #PAGE_SIZE} logins at a time, by id
 * ({@link LoginDirectory#listLogins}), with its size (which sets the pace) read again with a page at most once a
 * second (counting a large book's rows costs the database a scan, and a fast sweep reads many pages a second); a
 * login added during a sweep behind the page in hand is visited by the next sweep. A paused sweep hands out nothing and owes nothing for the time paused: after {@link #resume()} it goes on from
 * its cursor at its pace, with no burst to make up. Not thread-safe: the caller serialises the calls.
 */
public final class LoginSweep {

    /** The cursor before the first login. */
    public static final long START = Long.MIN_VALUE;
    /** How many login ids are read from the directory at a time. */
    public static final int PAGE_SIZE = 256;
    /** The size is read again with a page when it is at least this old. */
    static final long SIZE_MAX_AGE_NANOS = Duration.ofSeconds(1).toNanos();

    private final LoginDirectory directory;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final int pageSize;
    private long cursor;
    private long pageStart;
    private List<ListedLogin> page = List.of();
    private int next;
    private long size = -1;
    private long sizeReadNanos;
    private long lastNanos;
    private double credit;
    private long rounds;
    private boolean paused;

    public LoginSweep(LoginDirectory directory, Duration interval, long cursor, LongSupplier nanoTime) {
        this(directory, interval, cursor, nanoTime, PAGE_SIZE);
    }

    LoginSweep(LoginDirectory directory, Duration interval, long cursor, LongSupplier nanoTime, int pageSize) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("The reconciliation interval must be positive, was " + interval);
        }
        this.directory = directory;
        this.intervalNanos = interval.toNanos();
        this.cursor = cursor;
        this.pageStart = cursor;
        this.nanoTime = nanoTime;
        this.pageSize = pageSize;
        this.lastNanos = nanoTime.getAsLong();
    }

    /**
     * The logins due since the previous call, at most {@code max}; what is not taken stays owed, up to one whole
     * sweep.
     */
    public List<ListedLogin> due(int max) {
        long now = nanoTime.getAsLong();
        if (paused) {
            lastNanos = now;
            return List.of();
        }
        if (size <= 0) {
            readSize(now); // an empty book is asked again at every call, to notice its first login
        }
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
        List<ListedLogin> due = new ArrayList<>(wanted);
        while (due.size() < wanted) {
            if (next == page.size() && !readPage()) {
                // the end of the book: the next call starts the next sweep
                endRound();
                if (due.isEmpty()) {
                    credit -= Math.floor(credit);
                }
                break;
            }
            ListedLogin login = page.get(next++);
            due.add(login);
            cursor = login.loginId();
        }
        credit -= due.size();
        if (next == page.size() && page.size() < pageSize && !page.isEmpty()) {
            endRound(); // the last page is handed out: the sweep is complete now, not at the next call
        }
        return due;
    }

    /** Reads the page after the cursor; answers whether it holds any login. */
    private boolean readPage() {
        pageStart = cursor;
        page = directory.listLogins(cursor, pageSize);
        next = 0;
        long now = nanoTime.getAsLong();
        if (now - sizeReadNanos >= SIZE_MAX_AGE_NANOS) {
            readSize(now);
        }
        return !page.isEmpty();
    }

    private void readSize(long now) {
        size = directory.size();
        sizeReadNanos = now;
    }

    private void endRound() {
        cursor = START;
        pageStart = START;
        page = List.of();
        next = 0;
        rounds++;
    }

    /** Stops handing out logins until {@link #resume()}; the cursor stays where it is. */
    public void pause() {
        paused = true;
    }

    /** Goes on from the cursor, at the interval's pace from now. */
    public void resume() {
        if (paused) {
            paused = false;
            lastNanos = nanoTime.getAsLong();
        }
    }

    public boolean isPaused() {
        return paused;
    }

    /** Where the sweep is: the last login id handed out, or {@link #START}. */
    public long cursor() {
        return cursor;
    }

    /**
     * Where the page in hand starts: every login up to it was handed out. Saving this rather than {@link #cursor()}
     * writes once per page, and a restart from it visits at most a page again.
     */
    public long pageStart() {
        return pageStart;
    }

    /** How many sweeps reached the end of the book. */
    public long rounds() {
        return rounds;
    }
}
