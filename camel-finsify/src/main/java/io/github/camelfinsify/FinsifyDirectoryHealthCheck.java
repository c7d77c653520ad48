package io.github.camelfinsify;

import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * The multi-login consumer's view for health tooling: how many logins the book holds, how many were synced, are
 * failing or need their user, and whether the API is rate limiting. Counts only, never one entry per login. It is UP
 * while the consumer runs: one login's trouble is a detail, not a reason to take the application out of service.
 */
final class FinsifyDirectoryHealthCheck extends AbstractHealthCheck {

    private final FinsifyDirectoryConsumer consumer;

    FinsifyDirectoryHealthCheck(FinsifyDirectoryConsumer consumer, String routeId) {
        super("camel", "consumer:finsify-directory-" + routeId);
        this.consumer = consumer;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        if (!consumer.isRunAllowed()) {
            builder.down().message("The consumer is not running");
            return;
        }
        builder.details(consumer.details()).up();
    }
}
