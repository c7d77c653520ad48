package io.github.camelfinsify.springboot;

import java.time.Clock;
import java.time.Duration;

import io.github.camelfinsify.FinsifyConfiguration;
import io.github.camelfinsify.FinsifyLoginSecretResolver;
import io.github.camelfinsify.sync.LoginDirectory;
import io.github.camelfinsify.sync.LoginStatusStore;
import io.github.camelfinsify.sync.SyncRequests;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.spring.boot.ComponentConfigurationPropertiesCommon;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The options of the finsify component, bound from {@code camel.component.finsify.*}: every option of the component
 * (its {@code finsify.json}), with the same name in kebab case. Values go to the component as they are: durations
 * take Spring Boot's syntax ({@code 30s}, {@code 500ms}), object options a bean reference ({@code #syncState}).
 */
@ConfigurationProperties("camel.component.finsify")
public class FinsifyComponentConfiguration extends ComponentConfigurationPropertiesCommon {

    /**
     * Whether to enable auto configuration of the finsify component. This is enabled by default.
     */
    private Boolean enabled;
    /**
     * The account whose transactions to list (producer), or to sync (consumer; default: every account of the login).
     */
    private Long accountId;
    /**
     * The base URL of the API (the sandbox gives its own).
     */
    private String baseUrl = "https://api.finsify.com/v2";
    /**
     * The client id Finsify gave the partner; sent as header client-id.
     */
    private String clientId;
    /**
     * The options every finsify endpoint starts from; endpoint options override them.
     */
    private FinsifyConfiguration configuration;
    /**
     * The URL of the service list.
     */
    private String servicesUrl = "https://assets.finsify.com/service.json";
    /**
     * Allows for bridging the consumer to the Camel routing Error Handler, which mean any exceptions (if possible)
     * occurred while the Camel consumer is trying to pickup incoming messages, or the likes, will now be processed as
     * a message and handled by the routing Error Handler. Important: This is only possible if the 3rd party component
     * allows Camel to be alerted if an exception was thrown. Some components handle this internally only, and
     * therefore bridgeErrorHandler is not possible. In other situations we may improve the Camel component to hook
     * into the 3rd party component and make this possible for future releases. By default the consumer will use the
     * org.apache.camel.spi.ExceptionHandler to deal with exceptions, that will be logged at WARN or ERROR level and
     * ignored.
     */
    private Boolean bridgeErrorHandler = false;
    /**
     * Which changes the sync feed delivers: a comma-separated list of added, modified, removed.
     */
    private String changeTypes = "added,modified,removed";
    /**
     * Whether the webhook consumer fetches the new and changed transactions of the notified accounts and delivers each
     * as an exchange, as the polling consumer does.
     */
    private Boolean fetchTransactions = false;
    /**
     * Remembers the referenceId of delivered webhook events so a repeated event is delivered once, and, on
     * finsify:connect, the signed states already used, so a callback is accepted once (default: in memory, 1000
     * entries).
     */
    private IdempotentRepository idempotentRepository;
    /**
     * The first day to sync on the first poll of an account, as YYYY-MM-DD (default: 90 days ago).
     */
    private String initialFromDate;
    /**
     * The book of logins to keep in sync: with it, finsify:transactions syncs every login of the directory (instead of
     * one loginSecret), and the webhook consumer resolves secrets from it.
     */
    private LoginDirectory loginDirectory;
    /**
     * Finds a login's secret from its id (fetchTransactions).
     */
    private FinsifyLoginSecretResolver loginSecretResolver;
    /**
     * How many days back each sync looks for late, changed and removed transactions.
     */
    private Integer lookbackDays = 14;
    /**
     * The largest webhook body accepted, in bytes; larger requests get 413.
     */
    private Integer maxBodySize = 1048576;
    /**
     * At most this many API calls per second from the multi-login consumer, across all logins (0: no limit). A 429
     * holds every login back for its Retry-After.
     */
    private Integer maxCallsPerSecond = 0;
    /**
     * How many logins the multi-login consumer syncs at once.
     */
    private Integer maxConcurrentLogins = 4;
    /**
     * The HTTP path the webhook or connect consumer listens on (default: /finsify/webhook or /finsify/connect).
     */
    private String path;
    /**
     * How often the multi-login consumer visits every login of the directory, spread evenly over the interval;
     * webhooks bring a login forward in between.
     */
    private Duration reconciliationInterval = Duration.ofHours(24);
    /**
     * Where the browser goes after the connect callback was captured (default: a short confirmation page).
     */
    private String redirectUrl;
    /**
     * Whether the webhook consumer hands each new-transactions event to the multi-login consumer (through
     * syncRequests), which syncs the named accounts next, ahead of the sweep; the webhook is answered once the request
     * is recorded and the route processed the event.
     */
    private Boolean requestSync = false;
    /**
     * Where the sync feed keeps its state per account (default: in memory). Use a FileStateRepository or a JDBC one to
     * survive restarts, and share it between the consumers of one login.
     */
    private StateRepository<String, String> stateRepository;
    /**
     * Where the component keeps the logins that need their user, learned from webhooks (default: in memory). Share one
     * store between replicas, so the instance that syncs obeys a status any of them received.
     */
    private LoginStatusStore loginStatusStore;
    /**
     * Where webhooks leave sync requests for the multi-login consumer (default: in memory, shared by the component's
     * endpoints). Share one store between replicas; one directory route reads a store, so a second book needs its
     * own.
     */
    private SyncRequests syncRequests;
    /**
     * Where Finsify redirects the user after the connect page (createToken, reconnect).
     */
    private String callbackUrl;
    /**
     * Only services of this country code (services), e.g. MY or VN.
     */
    private String countryCode;
    /**
     * The Finsify customer id to create a token for (createToken).
     */
    private String customerId;
    /**
     * The first day of the transactions to list, as YYYY-MM-DD.
     */
    private String fromDate;
    /**
     * The partner's identifier of the customer to create (createCustomer).
     */
    private String identifier;
    /**
     * Whether the producer should be started lazy (on the first message). By starting lazy you can use this to allow
     * CamelContext and routes to startup in situations where a producer may otherwise fail during starting and cause
     * the route to fail being started. By deferring this startup to be lazy then the startup failure can be handled
     * during routing messages via Camel's routing error handlers. Beware that when the first message is processed then
     * creating and starting the producer may take a little time and prolong the total processing time of the
     * processing.
     */
    private Boolean lazyStartProducer = false;
    /**
     * The id of the service (bank) to create a token for (createToken).
     */
    private Integer serviceId;
    /**
     * How long the service list, a static file, is cached.
     */
    private Duration servicesCacheTtl = Duration.ofHours(1);
    /**
     * Only services of this type (services): bank, statement or other.
     */
    private String serviceType;
    /**
     * Whether the transactions operation returns a lazily parsed, closeable Iterator of Transaction instead of a List,
     * so memory stays flat for any number of transactions.
     */
    private Boolean streaming = false;
    /**
     * The last day of the transactions to list, as YYYY-MM-DD.
     */
    private String toDate;
    /**
     * Whether autowiring is enabled. This is used for automatic autowiring options (the option must be marked as
     * autowired) by looking up in the registry to find if there is a single instance of matching type, which then gets
     * configured on the component. This can be used for automatic configuring JDBC data sources, JMS connection
     * factories, AWS Clients, etc.
     */
    private Boolean autowiredEnabled = true;
    /**
     * How long to wait for a connection to the API.
     */
    private Duration connectTimeout = Duration.ofSeconds(10);
    /**
     * A hook to customize the Apache HttpClient before it is built (proxies, interceptors, ...).
     */
    private HttpClientConfigurer httpClientConfigurer;
    /**
     * How often an idempotent call (GET, activate, deactivate) is retried on a retryable failure (5xx, 429, network).
     * POSTs and refreshLogin are never retried.
     */
    private Integer maxRetries = 2;
    /**
     * How long to wait for data from the API once connected.
     */
    private Duration responseTimeout = Duration.ofSeconds(30);
    /**
     * The first retry's delay; it doubles with each retry, with jitter. A Retry-After header asking for longer wins
     * (up to 30 s).
     */
    private Duration retryDelay = Duration.ofMillis(500);
    /**
     * Used for enabling or disabling all consumer based health checks from this component
     */
    private Boolean healthCheckConsumerEnabled = true;
    /**
     * Used for enabling or disabling all producer based health checks from this component. Notice: Camel has by
     * default disabled all producer based health-checks. You can turn on producer checks globally by setting
     * camel.health.producersEnabled=true.
     */
    private Boolean healthCheckProducerEnabled = true;
    /**
     * The secret of a mobile app partner; sent as header app-secret. Set exactly one of serviceSecret and appSecret.
     */
    private String appSecret;
    /**
     * The secret of the login to act on, from the connect callback; sent as header login-secret. Header
     * CamelFinsifyLoginSecret overrides it per message.
     */
    private String loginSecret;
    /**
     * The secret of a web service partner; sent as header service-secret. Set exactly one of serviceSecret and
     * appSecret.
     */
    private String serviceSecret;
    /**
     * The TLS configuration, e.g. a trust store holding only the CAs Finsify uses (pinning).
     */
    private SSLContextParameters sslContextParameters;
    /**
     * The token a webhook request must carry as query parameter token or header X-Finsify-Token (printable ASCII, no
     * spaces or commas). Several comma-separated tokens are accepted, to rotate without downtime. Required: without it
     * finsify:webhook does not start (see allowUnauthenticated).
     */
    private String webhookToken;

    /**
     * The time zone whose date is today for the sync window, its end date and the initialFromDate default, as a time
     * zone id such as Asia/Kuala_Lumpur (default: the JVM's). Banks date transactions in their own zone.
     */
    private String timeZone;
    /**
     * Where the component reads the current time: the instant whose date, in timeZone, is today for the sync feed, the
     * age of the health check's cached answers and the expiry of signed connect states (default: the system clock). A
     * single Clock bean in the registry is used automatically.
     */
    private Clock clock;
    /**
     * An Apache HttpClient of your own to send the API calls through: its pool, timeouts, TLS and proxy apply,
     * connectTimeout and responseTimeout do not, and sslContextParameters and httpClientConfigurer cannot be set
     * beside it. The component never closes it. A single CloseableHttpClient bean in the registry is used
     * automatically.
     */
    private CloseableHttpClient httpClient;
    /**
     * The key (at least 32 bytes) that signs the state createToken and reconnect put into the callback URL's path,
     * binding the connect to its customer. finsify:connect then accepts only a callback whose state is genuine,
     * unexpired (30 minutes) and unused, and adds header CamelFinsifyCustomerId. Set it on the component, so producers
     * and the connect consumer share it. Without it, finsify:connect accepts any callback.
     */
    private String connectSigningKey;
    /**
     * How long the producers' readiness check reuses the API's last answer before it asks again, so frequent probes do
     * not become API traffic; 0 asks on every check.
     */
    private Duration healthCheckInterval = Duration.ofSeconds(30);
    /**
     * Whether a webhook consumer without webhookToken may start and take requests that carry no token, for a
     * deployment where a gateway in front authenticates Finsify. A warning is logged at start. A configured
     * webhookToken is required all the same.
     */
    private Boolean allowUnauthenticated = false;
    public Long getAccountId() {
        return accountId;
    }

    public void setAccountId(Long accountId) {
        this.accountId = accountId;
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public FinsifyConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(FinsifyConfiguration configuration) {
        this.configuration = configuration;
    }

    public String getServicesUrl() {
        return servicesUrl;
    }

    public void setServicesUrl(String servicesUrl) {
        this.servicesUrl = servicesUrl;
    }

    public Boolean getBridgeErrorHandler() {
        return bridgeErrorHandler;
    }

    public void setBridgeErrorHandler(Boolean bridgeErrorHandler) {
        this.bridgeErrorHandler = bridgeErrorHandler;
    }

    public String getChangeTypes() {
        return changeTypes;
    }

    public void setChangeTypes(String changeTypes) {
        this.changeTypes = changeTypes;
    }

    public Boolean getFetchTransactions() {
        return fetchTransactions;
    }

    public void setFetchTransactions(Boolean fetchTransactions) {
        this.fetchTransactions = fetchTransactions;
    }

    public IdempotentRepository getIdempotentRepository() {
        return idempotentRepository;
    }

    public void setIdempotentRepository(IdempotentRepository idempotentRepository) {
        this.idempotentRepository = idempotentRepository;
    }

    public String getInitialFromDate() {
        return initialFromDate;
    }

    public void setInitialFromDate(String initialFromDate) {
        this.initialFromDate = initialFromDate;
    }

    public LoginDirectory getLoginDirectory() {
        return loginDirectory;
    }

    public void setLoginDirectory(LoginDirectory loginDirectory) {
        this.loginDirectory = loginDirectory;
    }

    public FinsifyLoginSecretResolver getLoginSecretResolver() {
        return loginSecretResolver;
    }

    public void setLoginSecretResolver(FinsifyLoginSecretResolver loginSecretResolver) {
        this.loginSecretResolver = loginSecretResolver;
    }

    public Integer getLookbackDays() {
        return lookbackDays;
    }

    public void setLookbackDays(Integer lookbackDays) {
        this.lookbackDays = lookbackDays;
    }

    public Integer getMaxBodySize() {
        return maxBodySize;
    }

    public void setMaxBodySize(Integer maxBodySize) {
        this.maxBodySize = maxBodySize;
    }

    public Integer getMaxCallsPerSecond() {
        return maxCallsPerSecond;
    }

    public void setMaxCallsPerSecond(Integer maxCallsPerSecond) {
        this.maxCallsPerSecond = maxCallsPerSecond;
    }

    public Integer getMaxConcurrentLogins() {
        return maxConcurrentLogins;
    }

    public void setMaxConcurrentLogins(Integer maxConcurrentLogins) {
        this.maxConcurrentLogins = maxConcurrentLogins;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public Duration getReconciliationInterval() {
        return reconciliationInterval;
    }

    public void setReconciliationInterval(Duration reconciliationInterval) {
        this.reconciliationInterval = reconciliationInterval;
    }

    public String getRedirectUrl() {
        return redirectUrl;
    }

    public void setRedirectUrl(String redirectUrl) {
        this.redirectUrl = redirectUrl;
    }

    public Boolean getRequestSync() {
        return requestSync;
    }

    public void setRequestSync(Boolean requestSync) {
        this.requestSync = requestSync;
    }

    public StateRepository<String, String> getStateRepository() {
        return stateRepository;
    }

    public void setStateRepository(StateRepository<String, String> stateRepository) {
        this.stateRepository = stateRepository;
    }

    public LoginStatusStore getLoginStatusStore() {
        return loginStatusStore;
    }

    public void setLoginStatusStore(LoginStatusStore loginStatusStore) {
        this.loginStatusStore = loginStatusStore;
    }

    public SyncRequests getSyncRequests() {
        return syncRequests;
    }

    public void setSyncRequests(SyncRequests syncRequests) {
        this.syncRequests = syncRequests;
    }

    public String getCallbackUrl() {
        return callbackUrl;
    }

    public void setCallbackUrl(String callbackUrl) {
        this.callbackUrl = callbackUrl;
    }

    public String getCountryCode() {
        return countryCode;
    }

    public void setCountryCode(String countryCode) {
        this.countryCode = countryCode;
    }

    public String getCustomerId() {
        return customerId;
    }

    public void setCustomerId(String customerId) {
        this.customerId = customerId;
    }

    public String getFromDate() {
        return fromDate;
    }

    public void setFromDate(String fromDate) {
        this.fromDate = fromDate;
    }

    public String getIdentifier() {
        return identifier;
    }

    public void setIdentifier(String identifier) {
        this.identifier = identifier;
    }

    public Boolean getLazyStartProducer() {
        return lazyStartProducer;
    }

    public void setLazyStartProducer(Boolean lazyStartProducer) {
        this.lazyStartProducer = lazyStartProducer;
    }

    public Integer getServiceId() {
        return serviceId;
    }

    public void setServiceId(Integer serviceId) {
        this.serviceId = serviceId;
    }

    public Duration getServicesCacheTtl() {
        return servicesCacheTtl;
    }

    public void setServicesCacheTtl(Duration servicesCacheTtl) {
        this.servicesCacheTtl = servicesCacheTtl;
    }

    public String getServiceType() {
        return serviceType;
    }

    public void setServiceType(String serviceType) {
        this.serviceType = serviceType;
    }

    public Boolean getStreaming() {
        return streaming;
    }

    public void setStreaming(Boolean streaming) {
        this.streaming = streaming;
    }

    public String getToDate() {
        return toDate;
    }

    public void setToDate(String toDate) {
        this.toDate = toDate;
    }

    public Boolean getAutowiredEnabled() {
        return autowiredEnabled;
    }

    public void setAutowiredEnabled(Boolean autowiredEnabled) {
        this.autowiredEnabled = autowiredEnabled;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public HttpClientConfigurer getHttpClientConfigurer() {
        return httpClientConfigurer;
    }

    public void setHttpClientConfigurer(HttpClientConfigurer httpClientConfigurer) {
        this.httpClientConfigurer = httpClientConfigurer;
    }

    public Integer getMaxRetries() {
        return maxRetries;
    }

    public void setMaxRetries(Integer maxRetries) {
        this.maxRetries = maxRetries;
    }

    public Duration getResponseTimeout() {
        return responseTimeout;
    }

    public void setResponseTimeout(Duration responseTimeout) {
        this.responseTimeout = responseTimeout;
    }

    public Duration getRetryDelay() {
        return retryDelay;
    }

    public void setRetryDelay(Duration retryDelay) {
        this.retryDelay = retryDelay;
    }

    public Boolean getHealthCheckConsumerEnabled() {
        return healthCheckConsumerEnabled;
    }

    public void setHealthCheckConsumerEnabled(Boolean healthCheckConsumerEnabled) {
        this.healthCheckConsumerEnabled = healthCheckConsumerEnabled;
    }

    public Boolean getHealthCheckProducerEnabled() {
        return healthCheckProducerEnabled;
    }

    public void setHealthCheckProducerEnabled(Boolean healthCheckProducerEnabled) {
        this.healthCheckProducerEnabled = healthCheckProducerEnabled;
    }

    public String getAppSecret() {
        return appSecret;
    }

    public void setAppSecret(String appSecret) {
        this.appSecret = appSecret;
    }

    public String getLoginSecret() {
        return loginSecret;
    }

    public void setLoginSecret(String loginSecret) {
        this.loginSecret = loginSecret;
    }

    public String getServiceSecret() {
        return serviceSecret;
    }

    public void setServiceSecret(String serviceSecret) {
        this.serviceSecret = serviceSecret;
    }

    public SSLContextParameters getSslContextParameters() {
        return sslContextParameters;
    }

    public void setSslContextParameters(SSLContextParameters sslContextParameters) {
        this.sslContextParameters = sslContextParameters;
    }

    public String getWebhookToken() {
        return webhookToken;
    }

    public void setWebhookToken(String webhookToken) {
        this.webhookToken = webhookToken;
    }

    public String getTimeZone() {
        return timeZone;
    }

    public void setTimeZone(String timeZone) {
        this.timeZone = timeZone;
    }

    public Clock getClock() {
        return clock;
    }

    public void setClock(Clock clock) {
        this.clock = clock;
    }

    public CloseableHttpClient getHttpClient() {
        return httpClient;
    }

    public void setHttpClient(CloseableHttpClient httpClient) {
        this.httpClient = httpClient;
    }

    public String getConnectSigningKey() {
        return connectSigningKey;
    }

    public void setConnectSigningKey(String connectSigningKey) {
        this.connectSigningKey = connectSigningKey;
    }

    public Duration getHealthCheckInterval() {
        return healthCheckInterval;
    }

    public void setHealthCheckInterval(Duration healthCheckInterval) {
        this.healthCheckInterval = healthCheckInterval;
    }

    public Boolean getAllowUnauthenticated() {
        return allowUnauthenticated;
    }

    public void setAllowUnauthenticated(Boolean allowUnauthenticated) {
        this.allowUnauthenticated = allowUnauthenticated;
    }
}
