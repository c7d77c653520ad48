package io.github.camelfinsify;

import java.time.Instant;

/**
 * A run of failures since the last success: how many, since when, and the last reason. Its first failure is the one
 * to log with its reason; the ones after it are only counted, so a broken API says why once. Not thread-safe: the
 * logs that keep one serialise their calls.
 */
final class FailureRun {

    private long failures;
    private Instant since;
    private String lastReason;

    /** Counts a failure; answers whether it starts the run. */
    boolean failed(String reason) {
        lastReason = reason;
        if (failures++ == 0) {
            since = Instant.now();
            return true;
        }
        return false;
    }

    /** A success ends the run: its {@link #summary}, or null if there was none. */
    String end(String failuresName) {
        if (failures == 0) {
            return null;
        }
        String run = summary(failuresName);
        failures = 0;
        since = null;
        lastReason = null;
        return run;
    }

    boolean isFailing() {
        return failures > 0;
    }

    /** {@code "3 failed polls since ... (last: ...)"}, with {@code failuresName} naming what failed. */
    String summary(String failuresName) {
        return failures + " " + failuresName + " since " + since + " (last: " + lastReason + ")";
    }
}
