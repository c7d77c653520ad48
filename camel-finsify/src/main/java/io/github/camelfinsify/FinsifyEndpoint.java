package io.github.camelfinsify;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import io.github.camelfinsify.client.FinsifyClient;
import io.github.camelfinsify.client.FinsifyClientConfig;
import io.github.camelfinsify.sync.SyncRequests;
import io.github.camelfinsify.sync.TransactionSync;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.component.webhook.WebhookCapableEndpoint;
import org.apache.camel.component.webhook.WebhookConfiguration;
import org.apache.camel.spi.EndpointServiceLocation;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.ScheduledPollEndpoint;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.apache.camel.util.URISupport;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;

/**
 * Calls the Finsify v2 API (producer), receives its webhooks and connect callbacks, and turns its transaction lists
 * into a feed of added, modified and removed transactions (consumers).
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "finsify", title = "Finsify", syntax = "finsify:operation",
             category = { Category.FINANCE, Category.API }, headersClass = FinsifyConstants.class)
public class FinsifyEndpoint extends ScheduledPollEndpoint implements EndpointServiceLocation, WebhookCapableEndpoint {

    private static final int DEFAULT_INITIAL_DAYS = 90;

    @UriPath(description = "The operation: a producer operation (services, createCustomer, createToken, reconnect, "
                           + "accounts, transactions, activateLogin, deactivateLogin, refreshLogin), the transactions "
                           + "sync feed (consumer), or webhook and connect (consumers over platform-http).")
    @Metadata(required = true)
    private final FinsifyOperation operation;
    @UriParam
    private final FinsifyConfiguration configuration;

    private SharedClients.Settings clientSettings;
    private FinsifyClient client;
    // what this endpoint started, once each however often its consumers restart: it stops them when it stops
    private final Set<Object> retainedRepositories = Collections.newSetFromMap(new IdentityHashMap<>());

    public FinsifyEndpoint(String uri, FinsifyComponent component, FinsifyOperation operation,
                           FinsifyConfiguration configuration) {
        super(uri, component);
        this.operation = operation;
        this.configuration = configuration;
    }

    @Override
    public Producer createProducer() throws Exception {
        if (!operation.isProducer()) {
            throw new IllegalArgumentException("finsify:" + operation + " only receives: use it in from(), not to()");
        }
        return new FinsifyProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        Consumer consumer = switch (operation) {
            case transactions -> configuration.getLoginDirectory() != null
                    ? new FinsifyDirectoryConsumer(this, processor) : new FinsifyTransactionsConsumer(this, processor);
            case webhook -> new FinsifyWebhookConsumer(this, processor);
            case connect -> new FinsifyConnectConsumer(this, processor);
            default -> throw new IllegalArgumentException("finsify:" + operation + " is a producer operation: the "
                                                          + "consumers are transactions, webhook and connect");
        };
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    public FinsifyComponent getComponent() {
        return (FinsifyComponent) super.getComponent();
    }

    /**
     * The sync feed of this endpoint's options, over its state repository (the component's when none is set), which
     * it starts. Its today is the date in {@code timeZone}.
     */
    TransactionSync createSync() {
        Clock today = getComponent().clock().withZone(timeZone());
        LocalDate initialFrom = FinsifyDates.parse(configuration.getInitialFromDate(), "Option initialFromDate");
        if (initialFrom == null) {
            initialFrom = LocalDate.now(today).minusDays(DEFAULT_INITIAL_DAYS);
        }
        if (configuration.getLookbackDays() < 0) {
            throw new IllegalArgumentException("Option lookbackDays must be 0 or more, was "
                                               + configuration.getLookbackDays());
        }
        return new TransactionSync(stateRepository(), configuration.getLookbackDays(), initialFrom,
                TransactionSync.parseChangeTypes(configuration.getChangeTypes()), today);
    }

    /** The sync state: the configured repository, which this endpoint starts, or the component's. */
    StateRepository<String, String> stateRepository() {
        StateRepository<String, String> repository = configuration.getStateRepository();
        if (repository == null) {
            return getComponent().defaultStateRepository();
        }
        // a file or JDBC repository loads its content when started
        retain(repository);
        return repository;
    }

    /** Where webhooks leave logins for the multi-login consumer: the configured store, or the component's. */
    SyncRequests syncRequests() {
        return configuration.getSyncRequests() != null ? configuration.getSyncRequests()
                : getComponent().defaultSyncRequests();
    }

    /** The repository of delivered webhook events, started: the configured one, or one in memory per endpoint. */
    synchronized IdempotentRepository idempotentRepository() {
        if (configuration.getIdempotentRepository() == null) {
            configuration.setIdempotentRepository(MemoryIdempotentRepository.memoryIdempotentRepository(1000));
        }
        retain(configuration.getIdempotentRepository());
        return configuration.getIdempotentRepository();
    }

    private synchronized void retain(Object repository) {
        if (retainedRepositories.add(repository)) {
            getComponent().repositories().retain(getCamelContext(), repository);
        }
    }

    /** The zone whose date is today: option timeZone, else the JVM's. */
    ZoneId timeZone() {
        String id = configuration.getTimeZone();
        if (id == null) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(id.trim());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("Option timeZone must be a time zone id such as Asia/Kuala_Lumpur, "
                                               + "UTC or +08:00, was '" + id + "'", e);
        }
    }

    String pathOr(String defaultPath) {
        String path = configuration.getPath();
        if (path == null || path.isBlank()) {
            return defaultPath;
        }
        return path.startsWith("/") ? path : "/" + path;
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        // fail at start-up, naming the option, rather than at the first message
        FinsifyDates.parse(configuration.getFromDate(), "Option fromDate");
        FinsifyDates.parse(configuration.getToDate(), "Option toDate");
        FinsifyDates.parse(configuration.getInitialFromDate(), "Option initialFromDate");
        TransactionSync.parseChangeTypes(configuration.getChangeTypes());
        ConnectSigning.signerOf(this);
        timeZone();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (client == null && callsTheApi()) {
            SharedClients.Settings settings = SharedClients.Settings.of(configuration);
            client = getComponent().clients().acquire(settings, this::createClient);
            clientSettings = settings;
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (client != null) {
            getComponent().clients().release(clientSettings);
            client = null;
            clientSettings = null;
        }
        synchronized (this) {
            retainedRepositories.forEach(getComponent().repositories()::release);
            retainedRepositories.clear();
        }
        super.doStop();
    }

    /** Receiving webhooks and connect callbacks needs no partner credentials; fetching transactions does. */
    private boolean callsTheApi() {
        return switch (operation) {
            case connect -> false;
            case webhook -> configuration.isFetchTransactions();
            default -> true;
        };
    }

    private FinsifyClient createClient() throws Exception {
        CloseableHttpClient httpClient = configuration.getHttpClient();
        if (httpClient == null) {
            return new FinsifyClient(clientConfig());
        }
        // the supplied client was built with its own TLS and hooks: options that would silently not apply are an error
        if (configuration.getSslContextParameters() != null) {
            throw notBesideHttpClient("sslContextParameters");
        }
        if (configuration.getHttpClientConfigurer() != null) {
            throw notBesideHttpClient("httpClientConfigurer");
        }
        return new FinsifyClient(clientConfig(), httpClient);
    }

    private IllegalArgumentException notBesideHttpClient(String option) {
        return new IllegalArgumentException("Cannot start " + URISupport.sanitizeUri(getEndpointUri()) + ": option "
                                            + option + " cannot be combined with option httpClient; configure the "
                                            + "supplied HttpClient instead");
    }

    private FinsifyClientConfig clientConfig() throws Exception {
        FinsifyClientConfig.Builder builder = FinsifyClientConfig.builder()
                .baseUrl(configuration.getBaseUrl())
                .servicesUrl(configuration.getServicesUrl())
                .clientId(configuration.getClientId())
                .serviceSecret(configuration.getServiceSecret())
                .appSecret(configuration.getAppSecret())
                .connectTimeout(Duration.ofMillis(configuration.getConnectTimeout()))
                .responseTimeout(Duration.ofMillis(configuration.getResponseTimeout()))
                .maxRetries(configuration.getMaxRetries())
                .retryDelay(Duration.ofMillis(configuration.getRetryDelay()))
                .servicesCacheTtl(Duration.ofMillis(configuration.getServicesCacheTtl()))
                // the component's, so endpoints of equal settings still share one client
                .callListener(getComponent().metrics().callListener());
        if (configuration.getSslContextParameters() != null) {
            builder.sslContext(configuration.getSslContextParameters().createSSLContext(getCamelContext()));
        }
        if (configuration.getHttpClientConfigurer() != null) {
            builder.httpClientCustomizer(configuration.getHttpClientConfigurer()::configureHttpClient);
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "Cannot start " + URISupport.sanitizeUri(getEndpointUri()) + ": " + e.getMessage(), e);
        }
    }

    /** The client of this endpoint, shared by its producers and consumers; available once started. */
    public FinsifyClient getClient() {
        return client;
    }

    public FinsifyOperation getOperation() {
        return operation;
    }

    public FinsifyConfiguration getConfiguration() {
        return configuration;
    }

    @Override
    public String getServiceUrl() {
        return configuration.getBaseUrl();
    }

    @Override
    public String getServiceProtocol() {
        return "rest";
    }

    // --- webhook: meta component -------------------------------------------------------------------------

    @Override
    public Processor createWebhookHandler(Processor next) {
        if (operation != FinsifyOperation.webhook) {
            throw new IllegalArgumentException("Only finsify:webhook can be used with the webhook component, not finsify:"
                                               + operation);
        }
        return new FinsifyWebhookHandler(this, new WebhookComponentDelivery(this, next));
    }

    /** Finsify's webhook URL is set in its developer dashboard: there is nothing to register. */
    @Override
    public void registerWebhook() {
        // no registration API
    }

    @Override
    public void unregisterWebhook() {
        // no registration API
    }

    @Override
    public void setWebhookConfiguration(WebhookConfiguration webhookConfiguration) {
        // the path comes from the webhook component; nothing here depends on it
    }

    @Override
    public List<String> getWebhookMethods() {
        return List.of("POST");
    }
}
