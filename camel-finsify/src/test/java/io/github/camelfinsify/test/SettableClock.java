package io.github.camelfinsify.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that stands still until a test moves it on, for behaviour that depends on time passing (caches, windows).
 */
public final class SettableClock extends Clock {

    private volatile Instant now;

    public SettableClock(Instant now) {
        this.now = now;
    }

    public void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new ZonedView(this, zone);
    }

    @Override
    public Instant instant() {
        return now;
    }

    /** A view in another zone that follows this clock when it moves. */
    private static final class ZonedView extends Clock {
        private final SettableClock clock;
        private final ZoneId zone;

        ZonedView(SettableClock clock, ZoneId zone) {
            this.clock = clock;
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return new ZonedView(clock, zone);
        }

        @Override
        public Instant instant() {
            return clock.instant();
        }
    }
}
