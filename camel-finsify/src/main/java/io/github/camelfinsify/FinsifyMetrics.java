package io.github.camelfinsify;

import java.util.function.LongSupplier;

import io.github.camelfinsify.client.FinsifyCallListener;
import io.github.camelfinsify.sync.SyncStatistics;
import io.github.camelfinsify.webhook.WebhookStatistics;
import org.apache.camel.CamelContext;

/**
 * Where the component's meters go: Micrometer's registry when camel-micrometer is on the class path and a
 * {@code MeterRegistry} is bound, else nowhere. Nothing here names a Micrometer type, so the component loads and runs
 * without Micrometer.
 */
interface FinsifyMetrics {

    /** The class whose presence says camel-micrometer, and so micrometer-core, can be loaded. */
    String MICROMETER_UTILS = "org.apache.camel.component.micrometer.MicrometerUtils";

    /** Records nothing. */
    FinsifyMetrics NONE = new FinsifyMetrics() {
    };

    /** Meters bound to one consumer's statistics, removed when it stops. */
    interface Binding extends AutoCloseable {
        @Override
        void close();
    }

    /** Hears every API call and retry of the component's clients. */
    default FinsifyCallListener callListener() {
        return FinsifyCallListener.NONE;
    }

    /** A gauge of the logins the component knows need their user, read from {@code count}. */
    default Binding bindLoginsNeedingUser(LongSupplier count) {
        return () -> {
        };
    }

    /** Meters over what the sync consumer of {@code routeId} records. */
    default Binding bindSync(String routeId, SyncStatistics statistics) {
        return () -> {
        };
    }

    /** Meters over how the webhook consumer of {@code routeId} answered. */
    default Binding bindWebhook(String routeId, WebhookStatistics statistics) {
        return () -> {
        };
    }

    /** The metrics of {@code context}: Micrometer's where it is on the class path and has a registry. */
    static FinsifyMetrics of(CamelContext context) {
        if (context.getClassResolver().resolveClass(MICROMETER_UTILS) == null) {
            return NONE;
        }
        return MicrometerMetrics.lookup(context);
    }
}
