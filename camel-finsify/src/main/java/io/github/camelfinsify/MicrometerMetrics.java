package io.github.camelfinsify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.github.camelfinsify.client.FinsifyCallListener;
import io.github.camelfinsify.client.FinsifyErrorCode;
import io.github.camelfinsify.sync.SyncStatistics;
import io.github.camelfinsify.webhook.WebhookStatistics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.micrometer.MicrometerUtils;

/**
 * The finsify meters in the {@link MeterRegistry} camel-micrometer would use: the one named {@code metricsRegistry},
 * else the only one bound. Tags name what an operator filters on (route, operation, status, error code, change type,
 * webhook outcome), never a login, an account, a customer or a secret, so their number stays bounded.
 */
final class MicrometerMetrics implements FinsifyMetrics {

    static final String API_CALLS = "finsify.api.calls";
    static final String API_RETRIES = "finsify.api.retries";
    static final String SYNC_CHANGES = "finsify.sync.changes";
    static final String SYNC_COMPLETED = "finsify.sync.completed";
    static final String SYNC_LAG = "finsify.sync.lag";
    static final String SYNC_LAG_OLDEST = "finsify.sync.lag.oldest";
    static final String SYNC_LOGINS = "finsify.sync.logins";
    static final String SYNC_LOGINS_FAILING = "finsify.sync.logins.failing";
    static final String LOGINS_NEEDING_USER = "finsify.logins.needing.user";
    static final String WEBHOOK_REQUESTS = "finsify.webhook.requests";

    /** The error tag of a call that succeeded. */
    static final String NO_ERROR = "none";

    private final MeterRegistry registry;
    private final Meter.MeterProvider<Timer> calls;
    private final Meter.MeterProvider<Counter> retries;
    private final FinsifyCallListener callListener = new FinsifyCallListener() {
        @Override
        public void onCall(String operation, int status, FinsifyErrorCode error, long durationNanos) {
            calls.withTags("operation", operation, "status", Integer.toString(status),
                    "error", error == null ? NO_ERROR : error.name())
                    .record(durationNanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public void onRetry(String operation) {
            retries.withTags("operation", operation).increment();
        }
    };

    private MicrometerMetrics(MeterRegistry registry) {
        this.registry = registry;
        calls = Timer.builder(API_CALLS).description("Finsify API calls (each HTTP attempt) and their latency")
                .withRegistry(registry);
        retries = Counter.builder(API_RETRIES).description("Failed Finsify API attempts that are tried again")
                .withRegistry(registry);
    }

    /** The metrics of the context's registry, or {@link FinsifyMetrics#NONE} when none is bound. */
    static FinsifyMetrics lookup(CamelContext context) {
        MeterRegistry registry = MicrometerUtils.getMeterRegistryFromCamelRegistry(context.getRegistry(),
                MicrometerConstants.METRICS_REGISTRY_NAME);
        return registry == null ? NONE : new MicrometerMetrics(registry);
    }

    @Override
    public FinsifyCallListener callListener() {
        return callListener;
    }

    @Override
    public Binding bindLoginsNeedingUser(LongSupplier count) {
        Gauge gauge = Gauge.builder(LOGINS_NEEDING_USER, count, LongSupplier::getAsLong)
                .description("Logins that wait for their user (credentials, MFA, a locked account), from the login "
                             + "statuses the component shares")
                .strongReference(true).register(registry);
        return () -> registry.remove(gauge);
    }

    @Override
    public Binding bindSync(String routeId, SyncStatistics statistics) {
        Tags route = Tags.of("routeId", routeId);
        List<Meter> meters = new ArrayList<>();
        for (ChangeType type : ChangeType.values()) {
            meters.add(FunctionCounter.builder(SYNC_CHANGES, statistics, s -> s.changes(type))
                    .description("Transaction changes delivered, by type").tags(route).tag("type", type.name())
                    .register(registry));
        }
        meters.add(FunctionCounter.builder(SYNC_COMPLETED, statistics, SyncStatistics::loginsSynced)
                .description("Syncs of a login that completed: every account's changes delivered").tags(route)
                .register(registry));
        Timer lag = Timer.builder(SYNC_LAG)
                .description("At each completed sync of a login, how long ago its previous completed sync was")
                .tags(route).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofSeconds(1)).maximumExpectedValue(Duration.ofDays(2))
                .register(registry);
        meters.add(lag);
        statistics.onSyncLag(lagMillis -> lag.record(lagMillis, TimeUnit.MILLISECONDS));
        meters.add(TimeGauge.builder(SYNC_LAG_OLDEST, statistics, TimeUnit.MILLISECONDS,
                        s -> s.oldestLag().toMillis())
                .description("The age of the oldest last completed sync of a login still known").tags(route)
                .register(registry));
        meters.add(Gauge.builder(SYNC_LOGINS, statistics, SyncStatistics::loginsTracked)
                .description("Logins that completed a sync at least once and are still known").tags(route)
                .register(registry));
        meters.add(Gauge.builder(SYNC_LOGINS_FAILING, statistics, SyncStatistics::loginsFailing)
                .description("Logins whose last sync ended in an error").tags(route).register(registry));
        return () -> {
            statistics.onSyncLag(null);
            meters.forEach(registry::remove);
        };
    }

    @Override
    public Binding bindWebhook(String routeId, WebhookStatistics statistics) {
        List<Meter> meters = new ArrayList<>();
        for (WebhookStatistics.Outcome outcome : WebhookStatistics.Outcome.values()) {
            meters.add(FunctionCounter.builder(WEBHOOK_REQUESTS, statistics, s -> s.count(outcome))
                    .description("Webhook requests, by how they were answered").tag("routeId", routeId)
                    .tag("outcome", outcome.tag()).register(registry));
        }
        return () -> meters.forEach(registry::remove);
    }
}
