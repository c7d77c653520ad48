package io.github.camelfinsify.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: attempt n (from 1) waits between half and all of {@code retryDelay * 2^(n-1)}. A
 * server's {@code Retry-After} wins when it asks for longer, capped at 30 s so a misbehaving server cannot park a
 * route.
 */
final class RetryPolicy {

    static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(30);
    private static final int MAX_SHIFT = 16;

    private final int maxRetries;
    private final Duration retryDelay;

    RetryPolicy(int maxRetries, Duration retryDelay) {
        this.maxRetries = maxRetries;
        this.retryDelay = retryDelay;
    }

    /** Whether a call that failed with {@code failure} on attempt {@code attempt} (from 1) is tried again. */
    boolean shouldRetry(boolean idempotent, FinsifyApiException failure, int attempt) {
        return idempotent && failure.isRetryable() && attempt <= maxRetries;
    }

    Duration delayBefore(int retry, FinsifyApiException failure) {
        long base = retryDelay.toMillis() << Math.min(retry - 1, MAX_SHIFT);
        long jittered = base / 2 + (base > 1 ? ThreadLocalRandom.current().nextLong(base - base / 2 + 1) : 0);
        Duration backoff = Duration.ofMillis(jittered);
        Duration asked = failure.retryAfter().orElse(Duration.ZERO);
        if (asked.compareTo(MAX_RETRY_AFTER) > 0) {
            asked = MAX_RETRY_AFTER;
        }
        return asked.compareTo(backoff) > 0 ? asked : backoff;
    }
}
