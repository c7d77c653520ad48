package io.github.camelfinsify.sync;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Keeps the calls of every login of a consumer under one rate, and holds them all back after the API said it is
 * rate limiting (a 429 with {@code Retry-After}), rather than only the login that met it. Thread-safe.
 */
public final class CallThrottle {

    private final long nanosPerCall;
    private final LongSupplier nanoTime;
    private long nextFree;
    private long pausedUntil;

    /** @param callsPerSecond at most this many calls per second; 0 for no limit */
    public CallThrottle(double callsPerSecond, LongSupplier nanoTime) {
        if (callsPerSecond < 0) {
            throw new IllegalArgumentException("maxCallsPerSecond must be 0 (no limit) or more, was " + callsPerSecond);
        }
        this.nanosPerCall = callsPerSecond == 0 ? 0 : (long) (TimeUnit.SECONDS.toNanos(1) / callsPerSecond);
        this.nanoTime = nanoTime;
        this.nextFree = nanoTime.getAsLong();
        this.pausedUntil = nextFree;
    }

    /** Waits for this call's turn. */
    public void acquire() throws InterruptedException {
        long wait;
        synchronized (this) {
            long now = nanoTime.getAsLong();
            long start = Math.max(Math.max(now, nextFree), pausedUntil);
            nextFree = start + nanosPerCall;
            wait = start - now;
        }
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    /** Holds every call back for {@code duration} from now. */
    public synchronized void pauseFor(Duration duration) {
        pausedUntil = Math.max(pausedUntil, nanoTime.getAsLong() + duration.toNanos());
    }

    /** How long calls are still held back, for health and logs. */
    public synchronized Duration pausedFor() {
        return Duration.ofNanos(Math.max(0, pausedUntil - nanoTime.getAsLong()));
    }
}
