package io.github.camelfinsify.webhook;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * How one webhook consumer answered its requests, counted by outcome. Thread-safe.
 */
public final class WebhookStatistics {

    /** How a webhook request was answered; {@link #tag()} is the value metrics show. */
    public enum Outcome {
        /** 200: delivered to the route. */
        PROCESSED("processed"),
        /** 200: an event already processed. */
        DUPLICATE("duplicate"),
        /** 200: an event that can never succeed (its login or account is unknown), handed to the exception handler. */
        REJECTED("rejected"),
        /** 400: not a Finsify event, or an unreadable body. */
        BAD_REQUEST("400"),
        /** 401: no or a wrong token. */
        UNAUTHORIZED("401"),
        /** 408: the body did not arrive in time. */
        TIMEOUT("408"),
        /** 413: the body is larger than maxBodySize. */
        TOO_LARGE("413"),
        /** 415: not application/json. */
        UNSUPPORTED_MEDIA_TYPE("415"),
        /** 500 or 503: the sender is asked to come again. */
        SERVER_ERROR("5xx");

        private final String tag;

        Outcome(String tag) {
            this.tag = tag;
        }

        public String tag() {
            return tag;
        }

        /** The outcome of an answer with {@code status}: a 2xx is {@link #PROCESSED} unless told otherwise. */
        public static Outcome ofStatus(int status) {
            return switch (status) {
                case 400 -> BAD_REQUEST;
                case 401 -> UNAUTHORIZED;
                case 408 -> TIMEOUT;
                case 413 -> TOO_LARGE;
                case 415 -> UNSUPPORTED_MEDIA_TYPE;
                default -> status >= 500 ? SERVER_ERROR : PROCESSED;
            };
        }
    }

    private final Map<Outcome, LongAdder> counts = new EnumMap<>(Outcome.class);

    public WebhookStatistics() {
        for (Outcome outcome : Outcome.values()) {
            counts.put(outcome, new LongAdder()); // filled once: reads need no lock
        }
    }

    public void answered(Outcome outcome) {
        counts.get(outcome).increment();
    }

    public long count(Outcome outcome) {
        return counts.get(outcome).sum();
    }

    /** Every outcome with its count, zeros included, in declaration order. */
    public Map<Outcome, Long> counts() {
        Map<Outcome, Long> snapshot = new EnumMap<>(Outcome.class);
        counts.forEach((outcome, count) -> snapshot.put(outcome, count.sum()));
        return snapshot;
    }
}
