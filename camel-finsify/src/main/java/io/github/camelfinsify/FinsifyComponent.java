package io.github.camelfinsify;

import java.time.Clock;
import java.util.Map;

import io.github.camelfinsify.sync.LoginStatusStore;
import io.github.camelfinsify.sync.MemoryLoginStatusStore;
import io.github.camelfinsify.sync.MemorySyncRequests;
import io.github.camelfinsify.sync.SyncRequests;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.HealthCheckComponent;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.apache.camel.support.service.ServiceHelper;

/**
 * The {@code finsify:} component: Finsify v2 bank-aggregation API calls, webhooks, the connect callback and a
 * transaction sync feed.
 */
@Component("finsify")
public class FinsifyComponent extends HealthCheckComponent {

    @Metadata(description = "The options every finsify endpoint starts from; endpoint options override them.")
    private FinsifyConfiguration configuration = new FinsifyConfiguration();
    @Metadata(label = "advanced", autowired = true,
              description = "Where the component reads the current time: the instant whose date, in timeZone, is "
                            + "today for the sync feed, the age of the health check's cached answers and the expiry "
                            + "of signed connect states (default: the system clock). A single Clock bean in the "
                            + "registry is used automatically.")
    private Clock clock;

    private final LoginStatusStore defaultLoginStatuses = new MemoryLoginStatusStore();
    private final SyncRequests defaultSyncRequests = new MemorySyncRequests();
    private final StateRepository<String, String> defaultStateRepository = new MemoryStateRepository();
    private final SharedClients clients = new SharedClients();
    private final RepositoryUsage repositories = new RepositoryUsage();
    private final HealthProbes healthProbes = new HealthProbes();
    private final SyncRequestReaders syncRequestReaders = new SyncRequestReaders();
    private FinsifyMetrics metrics;
    private FinsifyMetrics.Binding needingUserGauge;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        FinsifyOperation operation = FinsifyOperation.fromName(remaining);
        FinsifyEndpoint endpoint = new FinsifyEndpoint(uri, this, operation, configuration.copy());
        setProperties(endpoint, parameters);
        return endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        ServiceHelper.startService(defaultStateRepository);
    }

    @Override
    protected void doStop() throws Exception {
        // the endpoints released theirs when they stopped; this closes what an endpoint left behind
        clients.closeAll();
        repositories.stopAll();
        ServiceHelper.stopService(defaultStateRepository);
        synchronized (this) {
            if (needingUserGauge != null) {
                needingUserGauge.close();
                needingUserGauge = null;
            }
            metrics = null;
        }
        super.doStop();
    }

    /** The login statuses every consumer of the component shares: option loginStatusStore, else in memory. */
    LoginStatusRegistry loginStatuses() {
        LoginStatusStore store = configuration.getLoginStatusStore();
        ServiceHelper.startService(store); // a JDBC store creates its table when started
        return new LoginStatusRegistry(store != null ? store : defaultLoginStatuses);
    }

    /** Where webhooks hand logins to the multi-login sync consumer when the endpoints set no syncRequests. */
    SyncRequests defaultSyncRequests() {
        return defaultSyncRequests;
    }

    /** The sync state of endpoints that set no stateRepository: shared, so the consumers of a login agree. */
    StateRepository<String, String> defaultStateRepository() {
        return defaultStateRepository;
    }

    /**
     * Where the meters go, looked up when the first endpoint starts: by then Camel Main has bound its registry
     * ({@code camel.metrics.enabled=true}).
     */
    synchronized FinsifyMetrics metrics() {
        if (metrics == null) {
            metrics = FinsifyMetrics.of(getCamelContext());
            needingUserGauge = metrics.bindLoginsNeedingUser(() -> loginStatuses().countNeedingUser());
        }
        return metrics;
    }

    SharedClients clients() {
        return clients;
    }

    RepositoryUsage repositories() {
        return repositories;
    }

    HealthProbes healthProbes() {
        return healthProbes;
    }

    SyncRequestReaders syncRequestReaders() {
        return syncRequestReaders;
    }

    /** The clock to read the time from: the configured one, else the system's. */
    Clock clock() {
        return clock != null ? clock : Clock.systemUTC();
    }

    public FinsifyConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(FinsifyConfiguration configuration) {
        this.configuration = configuration;
    }

    public Clock getClock() {
        return clock;
    }

    public void setClock(Clock clock) {
        this.clock = clock;
    }
}
