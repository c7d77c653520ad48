package io.github.camelfinsify;

import java.time.Duration;
import java.util.Arrays;
import java.util.function.LongSupplier;

import io.github.camelfinsify.sync.SyncStatistics;
import org.slf4j.Logger;

/**
 * What the multi-login consumer tells an operator, one line each: how far the sweep is (at most once a minute, and
 * when a sweep completes), and failures. The first failed attempt after a success is logged with its reason; the
 * ones after it are counted in the progress lines, not logged one by one, until a sync succeeds again. So an
 * unreachable API says why once, then how often, and never prints a stack trace per login and retry.
 */
final class SyncProgressLog {

    static final Duration PROGRESS_EVERY = Duration.ofMinutes(1);

    private final Logger log;
    private final SyncStatistics statistics;
    private final FailureRun failures = new FailureRun();
    private long lastProgressNanos = System.nanoTime();
    private long sweepStartNanos = System.nanoTime();

    SyncProgressLog(Logger log, SyncStatistics statistics) {
        this.log = log;
        this.statistics = statistics;
    }

    /** A login's sync attempt failed; the reason names no secret (the client's messages never do). */
    synchronized void failed(long loginId, String reason) {
        if (failures.failed(reason)) {
            log.warn("Login {} was not synced: {}. Further failures are counted, not logged, until a sync succeeds",
                    loginId, reason);
        } else {
            log.debug("Login {} failed too: {}", loginId, reason);
        }
    }

    /** A login synced completely: a run of failures, if any, is over. */
    synchronized void synced() {
        String ended = failures.end("failed attempts");
        if (ended != null) {
            log.info("Syncs succeed again, after {}", ended);
        }
    }

    /** Called at each poll: a progress line once a minute while the sweep runs. */
    synchronized void poll(long round, long visited, LongSupplier logins) {
        long now = System.nanoTime();
        if (now - lastProgressNanos >= PROGRESS_EVERY.toNanos()) {
            lastProgressNanos = now;
            log.info("Sweep {}: {} of {} logins visited; {}", round, visited, logins.getAsLong(), counts());
        }
    }

    /** The sweep handed out the last login of the book (which may still be syncing). */
    synchronized void sweepDone(long round, long logins) {
        long now = System.nanoTime();
        Duration took = Duration.ofNanos(now - sweepStartNanos);
        sweepStartNanos = now;
        lastProgressNanos = now;
        log.info("Sweep {} reached the end of the book: {} logins handed out in {} s; {}", round, logins,
                took.toSeconds(), counts());
    }

    private String counts() {
        long changes = Arrays.stream(ChangeType.values()).mapToLong(statistics::changes).sum();
        StringBuilder line = new StringBuilder().append(statistics.loginsSynced()).append(" login syncs completed, ")
                .append(changes).append(" changes delivered since start, ").append(statistics.loginsFailing())
                .append(" failing, ").append(statistics.loginsNeedingUser()).append(" needing their user");
        if (failures.isFailing()) {
            line.append("; ").append(failures.summary("failed attempts"));
        }
        return line.toString();
    }
}
