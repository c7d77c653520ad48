package io.github.camelfinsify;

import java.time.Duration;

import org.apache.camel.Exchange;
import org.apache.camel.spi.ExceptionHandler;
import org.slf4j.Logger;

/**
 * The single-login feed's failed polls, told once: the first failure after a success is logged with its reason,
 * without a stack trace (DEBUG has it); the next ones are counted, in one line at most once a minute, until a poll
 * succeeds again. Camel's default handler would print a WARN and the whole stack trace at every poll.
 */
final class PollFailureLog implements ExceptionHandler {

    private static final Duration COUNT_EVERY = Duration.ofMinutes(1);

    private final Logger log;
    private final String what;
    private final FailureRun run = new FailureRun();
    private long lastCountNanos;

    PollFailureLog(Logger log, String what) {
        this.log = log;
        this.what = what;
    }

    @Override
    public void handleException(Throwable exception) {
        handleException(null, null, exception);
    }

    @Override
    public void handleException(String message, Throwable exception) {
        handleException(message, null, exception);
    }

    @Override
    public synchronized void handleException(String message, Exchange exchange, Throwable exception) {
        String reason = exception instanceof RuntimeException && exception.getMessage() != null
                ? exception.getMessage() : String.valueOf(exception);
        long now = System.nanoTime();
        if (run.failed(reason)) {
            lastCountNanos = now;
            log.warn("{} failed: {}. Further failures are counted, not logged, until a poll succeeds", what, reason);
        } else if (now - lastCountNanos >= COUNT_EVERY.toNanos()) {
            lastCountNanos = now;
            log.warn("{} still failing: {}", what, run.summary("failed polls"));
        }
        log.debug("{} failed", what, exception);
    }

    /** A poll went through: a run of failures, if any, is over. */
    synchronized void succeeded() {
        String ended = run.end("failed polls");
        if (ended != null) {
            log.info("{} succeeds again, after {}", what, ended);
        }
    }
}
