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

    private final LoginStatusStore defaultLoginStatuses = new MemoryLoginStatusStore();
    private final SyncRequests defaultSyncRequests = new MemorySyncRequests();
    private final StateRepository<String, String> defaultStateRepository = new MemoryStateRepository();
    private Clock clock = Clock.systemDefaultZone();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        FinsifyOperation operation = FinsifyOperation.fromName(remaining);
        FinsifyEndpoint endpoint = new FinsifyEndpoint(uri, this, operation, configuration.copy());
        setProperties(endpoint, parameters);
        return endpoint;
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

    Clock clock() {
        return clock;
    }

    /** For tests: the clock that says what "today" is for the sync feed. */
    void setClock(Clock clock) {
        this.clock = clock;
    }

    public FinsifyConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(FinsifyConfiguration configuration) {
        this.configuration = configuration;
    }
}
