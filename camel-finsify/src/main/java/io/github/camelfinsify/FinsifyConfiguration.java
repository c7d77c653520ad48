package io.github.camelfinsify;

import io.github.camelfinsify.sync.LoginDirectory;
import io.github.camelfinsify.sync.LoginStatusStore;
import io.github.camelfinsify.sync.SyncRequests;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.camel.spi.Configurer;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;

/**
 * The options of the finsify component. The component holds one instance; each endpoint gets its own copy, so
 * endpoint options override component options without changing them.
 */
@UriParams
@Configurer
public class FinsifyConfiguration implements Cloneable {

    // --- common ------------------------------------------------------------------------------------------

    @UriParam(label = "common", description = "The client id Finsify gave the partner; sent as header client-id.")
    @Metadata(required = true)
    private String clientId;
    @UriParam(label = "common,security", secret = true,
              description = "The secret of a web service partner; sent as header service-secret. Set exactly one of "
                            + "serviceSecret and appSecret.")
    private String serviceSecret;
    @UriParam(label = "common,security", secret = true,
              description = "The secret of a mobile app partner; sent as header app-secret. Set exactly one of "
                            + "serviceSecret and appSecret.")
    private String appSecret;
    @UriParam(label = "common,security", secret = true,
              description = "The secret of the login to act on, from the connect callback; sent as header login-secret. "
                            + "Header CamelFinsifyLoginSecret overrides it per message.")
    private String loginSecret;
    @UriParam(label = "common", defaultValue = "https://api.finsify.com/v2",
              description = "The base URL of the API (the sandbox gives its own).")
    private String baseUrl = "https://api.finsify.com/v2";
    @UriParam(label = "common", defaultValue = "https://assets.finsify.com/service.json",
              description = "The URL of the service list.")
    private String servicesUrl = "https://assets.finsify.com/service.json";
    @UriParam(label = "common", description = "The account whose transactions to list (producer), or to sync "
                                              + "(consumer; default: every account of the login).")
    private Long accountId;

    // --- producer -----------------------------------------------------------------------------------------

    @UriParam(label = "producer", description = "The partner's identifier of the customer to create (createCustomer).")
    private String identifier;
    @UriParam(label = "producer", description = "The Finsify customer id to create a token for (createToken).")
    private String customerId;
    @UriParam(label = "producer", description = "The id of the service (bank) to create a token for (createToken).")
    private Integer serviceId;
    @UriParam(label = "producer", description = "Where Finsify redirects the user after the connect page "
                                                + "(createToken, reconnect).")
    private String callbackUrl;
    @UriParam(label = "producer", description = "The first day of the transactions to list, as YYYY-MM-DD.")
    private String fromDate;
    @UriParam(label = "producer", description = "The last day of the transactions to list, as YYYY-MM-DD.")
    private String toDate;
    @UriParam(label = "producer", description = "Only services of this country code (services), e.g. MY or VN.")
    private String countryCode;
    @UriParam(label = "producer", description = "Only services of this type (services): bank, statement or other.")
    private String serviceType;
    @UriParam(label = "producer", defaultValue = "1h", javaType = "java.time.Duration",
              description = "How long the service list, a static file, is cached.")
    private long servicesCacheTtl = 3_600_000L;
    @UriParam(label = "producer", defaultValue = "false",
              description = "Whether the transactions operation returns a lazily parsed, closeable Iterator of "
                            + "Transaction instead of a List, so memory stays flat for any number of transactions.")
    private boolean streaming;

    // --- HTTP ---------------------------------------------------------------------------------------------

    @UriParam(label = "advanced", defaultValue = "10s", javaType = "java.time.Duration",
              description = "How long to wait for a connection to the API.")
    private long connectTimeout = 10_000L;
    @UriParam(label = "advanced", defaultValue = "30s", javaType = "java.time.Duration",
              description = "How long to wait for data from the API once connected.")
    private long responseTimeout = 30_000L;
    @UriParam(label = "advanced", defaultValue = "2",
              description = "How often an idempotent call (GET, activate, deactivate) is retried on a retryable failure "
                            + "(5xx, 429, network). POSTs and refreshLogin are never retried.")
    private int maxRetries = 2;
    @UriParam(label = "advanced", defaultValue = "500ms", javaType = "java.time.Duration",
              description = "The first retry's delay; it doubles with each retry, with jitter. A Retry-After header "
                            + "asking for longer wins (up to 30 s).")
    private long retryDelay = 500L;
    @UriParam(label = "security", description = "The TLS configuration, e.g. a trust store holding only the CAs "
                                                + "Finsify uses (pinning).")
    private SSLContextParameters sslContextParameters;
    @UriParam(label = "advanced", description = "A hook to customize the Apache HttpClient before it is built "
                                                + "(proxies, interceptors, ...).")
    private HttpClientConfigurer httpClientConfigurer;
    @UriParam(label = "advanced",
              description = "An Apache HttpClient of your own to send the API calls through: its pool, timeouts, TLS "
                            + "and proxy apply, connectTimeout and responseTimeout do not, and sslContextParameters and "
                            + "httpClientConfigurer cannot be set beside it. The component never closes it. A single "
                            + "CloseableHttpClient bean in the registry is used automatically.")
    @Metadata(autowired = true)
    private CloseableHttpClient httpClient;
    @UriParam(label = "health", defaultValue = "30s", javaType = "java.time.Duration",
              description = "How long the producers' readiness check reuses the API's last answer before it asks "
                            + "again, so frequent probes do not become API traffic; 0 asks on every check.")
    private long healthCheckInterval = 30_000L;

    // --- consumers ----------------------------------------------------------------------------------------

    @UriParam(label = "consumer", description = "The first day to sync on the first poll of an account, as "
                                                + "YYYY-MM-DD (default: 90 days ago).")
    private String initialFromDate;
    @UriParam(label = "consumer",
              description = "The time zone whose date is today for the sync window, its end date and the "
                            + "initialFromDate default, as a time zone id such as Asia/Kuala_Lumpur (default: the "
                            + "JVM's). Banks date transactions in their own zone.")
    private String timeZone;
    @UriParam(label = "consumer", defaultValue = "14",
              description = "How many days back each sync looks for late, changed and removed transactions.")
    private int lookbackDays = 14;
    @UriParam(label = "consumer", defaultValue = "added,modified,removed",
              description = "Which changes the sync feed delivers: a comma-separated list of added, modified, removed.")
    private String changeTypes = "added,modified,removed";
    @UriParam(label = "consumer", description = "Where the sync feed keeps its state per account (default: in memory). "
                                                + "Use a FileStateRepository or a JDBC one to survive restarts, and "
                                                + "share it between the consumers of one login.")
    private StateRepository<String, String> stateRepository;
    @UriParam(label = "consumer", description = "The HTTP path the webhook or connect consumer listens on "
                                                + "(default: /finsify/webhook or /finsify/connect).")
    private String path;
    @UriParam(label = "consumer,security", secret = true,
              description = "The token a webhook request must carry as query parameter token or header "
                            + "X-Finsify-Token (printable ASCII, no spaces or commas). Several comma-separated tokens "
                            + "are accepted, to rotate without downtime. Required: without it finsify:webhook does "
                            + "not start (see allowUnauthenticated).")
    private String webhookToken;
    @UriParam(label = "consumer,security", defaultValue = "false",
              description = "Whether a webhook consumer without webhookToken may start and take requests that carry "
                            + "no token, for a deployment where a gateway in front authenticates Finsify. A warning is "
                            + "logged at start. A configured webhookToken is required all the same.")
    private boolean allowUnauthenticated;
    @UriParam(label = "consumer", defaultValue = "false",
              description = "Whether the webhook consumer fetches the new and changed transactions of the notified "
                            + "accounts and delivers each as an exchange, as the polling consumer does.")
    private boolean fetchTransactions;
    @UriParam(label = "consumer", description = "Finds a login's secret from its id (fetchTransactions).")
    private FinsifyLoginSecretResolver loginSecretResolver;
    @UriParam(label = "consumer", description = "Remembers the referenceId of delivered webhook events so a repeated "
                                                + "event is delivered once, and, on finsify:connect, the signed states "
                                                + "already used, so a callback is accepted once (default: in memory, "
                                                + "1000 entries).")
    private IdempotentRepository idempotentRepository;
    @UriParam(label = "consumer", defaultValue = "1048576",
              description = "The largest webhook body accepted, in bytes; larger requests get 413.")
    private int maxBodySize = 1_048_576;
    @UriParam(label = "consumer", description = "Where the browser goes after the connect callback was captured "
                                                + "(default: a short confirmation page).")
    private String redirectUrl;
    @UriParam(label = "security", secret = true,
              description = "The key (at least 32 bytes) that signs the state createToken and reconnect put into the "
                            + "callback URL's path, binding the connect to its customer. finsify:connect then accepts "
                            + "only a callback whose state is genuine, unexpired (30 minutes) and unused, and adds "
                            + "header CamelFinsifyCustomerId. Set it on the component, so producers and the connect "
                            + "consumer share it. Without it, finsify:connect accepts any callback.")
    private String connectSigningKey;

    // --- consumers: the partner's whole book -----------------------------------------------------------------

    @UriParam(label = "consumer", description = "The book of logins to keep in sync: with it, finsify:transactions "
                                                + "syncs every login of the directory (instead of one loginSecret), "
                                                + "and the webhook consumer resolves secrets from it.")
    private LoginDirectory loginDirectory;
    @UriParam(label = "consumer", defaultValue = "24h", javaType = "java.time.Duration",
              description = "How often the multi-login consumer visits every login of the directory, spread evenly "
                            + "over the interval; webhooks bring a login forward in between.")
    private long reconciliationInterval = 86_400_000L;
    @UriParam(label = "consumer", defaultValue = "4",
              description = "How many logins the multi-login consumer syncs at once.")
    private int maxConcurrentLogins = 4;
    @UriParam(label = "consumer", defaultValue = "0",
              description = "At most this many API calls per second from the multi-login consumer, across all "
                            + "logins (0: no limit). A 429 holds every login back for its Retry-After.")
    private int maxCallsPerSecond;
    @UriParam(label = "consumer", defaultValue = "false",
              description = "Whether the webhook consumer hands each new-transactions event to the multi-login "
                            + "consumer (through syncRequests), which syncs the named accounts next, ahead of the "
                            + "sweep; the webhook is answered once the request is recorded and the route processed "
                            + "the event.")
    private boolean requestSync;
    @UriParam(label = "consumer,advanced",
              description = "Where webhooks leave sync requests for the multi-login consumer (default: in memory, "
                            + "shared by the component's endpoints). Share one store between replicas; one "
                            + "directory route reads a store, so a second book needs its own.")
    private SyncRequests syncRequests;
    @UriParam(label = "consumer,advanced",
              description = "Where the component keeps the logins that need their user, learned from webhooks "
                            + "(default: in memory). Share one store between replicas, so the instance that syncs "
                            + "obeys a status any of them received.")
    private LoginStatusStore loginStatusStore;

    /** A copy for one endpoint: endpoint options then change the copy only. */
    public FinsifyConfiguration copy() {
        try {
            return (FinsifyConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getServiceSecret() {
        return serviceSecret;
    }

    public void setServiceSecret(String serviceSecret) {
        this.serviceSecret = serviceSecret;
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

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String getServicesUrl() {
        return servicesUrl;
    }

    public void setServicesUrl(String servicesUrl) {
        this.servicesUrl = servicesUrl;
    }

    public Long getAccountId() {
        return accountId;
    }

    public void setAccountId(Long accountId) {
        this.accountId = accountId;
    }

    public String getIdentifier() {
        return identifier;
    }

    public void setIdentifier(String identifier) {
        this.identifier = identifier;
    }

    public String getCustomerId() {
        return customerId;
    }

    public void setCustomerId(String customerId) {
        this.customerId = customerId;
    }

    public Integer getServiceId() {
        return serviceId;
    }

    public void setServiceId(Integer serviceId) {
        this.serviceId = serviceId;
    }

    public String getCallbackUrl() {
        return callbackUrl;
    }

    public void setCallbackUrl(String callbackUrl) {
        this.callbackUrl = callbackUrl;
    }

    public String getFromDate() {
        return fromDate;
    }

    public void setFromDate(String fromDate) {
        this.fromDate = fromDate;
    }

    public String getToDate() {
        return toDate;
    }

    public void setToDate(String toDate) {
        this.toDate = toDate;
    }

    public String getCountryCode() {
        return countryCode;
    }

    public void setCountryCode(String countryCode) {
        this.countryCode = countryCode;
    }

    public String getServiceType() {
        return serviceType;
    }

    public void setServiceType(String serviceType) {
        this.serviceType = serviceType;
    }

    public long getServicesCacheTtl() {
        return servicesCacheTtl;
    }

    public void setServicesCacheTtl(long servicesCacheTtl) {
        this.servicesCacheTtl = servicesCacheTtl;
    }

    public boolean isStreaming() {
        return streaming;
    }

    public void setStreaming(boolean streaming) {
        this.streaming = streaming;
    }

    public long getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(long connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public long getResponseTimeout() {
        return responseTimeout;
    }

    public void setResponseTimeout(long responseTimeout) {
        this.responseTimeout = responseTimeout;
    }

    public int getMaxRetries() {
        return maxRetries;
    }

    public void setMaxRetries(int maxRetries) {
        this.maxRetries = maxRetries;
    }

    public long getRetryDelay() {
        return retryDelay;
    }

    public void setRetryDelay(long retryDelay) {
        this.retryDelay = retryDelay;
    }

    public SSLContextParameters getSslContextParameters() {
        return sslContextParameters;
    }

    public void setSslContextParameters(SSLContextParameters sslContextParameters) {
        this.sslContextParameters = sslContextParameters;
    }

    public HttpClientConfigurer getHttpClientConfigurer() {
        return httpClientConfigurer;
    }

    public void setHttpClientConfigurer(HttpClientConfigurer httpClientConfigurer) {
        this.httpClientConfigurer = httpClientConfigurer;
    }

    public CloseableHttpClient getHttpClient() {
        return httpClient;
    }

    public void setHttpClient(CloseableHttpClient httpClient) {
        this.httpClient = httpClient;
    }

    public long getHealthCheckInterval() {
        return healthCheckInterval;
    }

    public void setHealthCheckInterval(long healthCheckInterval) {
        this.healthCheckInterval = healthCheckInterval;
    }

    public String getInitialFromDate() {
        return initialFromDate;
    }

    public void setInitialFromDate(String initialFromDate) {
        this.initialFromDate = initialFromDate;
    }

    public String getTimeZone() {
        return timeZone;
    }

    public void setTimeZone(String timeZone) {
        this.timeZone = timeZone;
    }

    public int getLookbackDays() {
        return lookbackDays;
    }

    public void setLookbackDays(int lookbackDays) {
        this.lookbackDays = lookbackDays;
    }

    public String getChangeTypes() {
        return changeTypes;
    }

    public void setChangeTypes(String changeTypes) {
        this.changeTypes = changeTypes;
    }

    public StateRepository<String, String> getStateRepository() {
        return stateRepository;
    }

    public void setStateRepository(StateRepository<String, String> stateRepository) {
        this.stateRepository = stateRepository;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public String getWebhookToken() {
        return webhookToken;
    }

    public void setWebhookToken(String webhookToken) {
        this.webhookToken = webhookToken;
    }

    public boolean isAllowUnauthenticated() {
        return allowUnauthenticated;
    }

    public void setAllowUnauthenticated(boolean allowUnauthenticated) {
        this.allowUnauthenticated = allowUnauthenticated;
    }

    public boolean isFetchTransactions() {
        return fetchTransactions;
    }

    public void setFetchTransactions(boolean fetchTransactions) {
        this.fetchTransactions = fetchTransactions;
    }

    public FinsifyLoginSecretResolver getLoginSecretResolver() {
        return loginSecretResolver;
    }

    public void setLoginSecretResolver(FinsifyLoginSecretResolver loginSecretResolver) {
        this.loginSecretResolver = loginSecretResolver;
    }

    public IdempotentRepository getIdempotentRepository() {
        return idempotentRepository;
    }

    public void setIdempotentRepository(IdempotentRepository idempotentRepository) {
        this.idempotentRepository = idempotentRepository;
    }

    public int getMaxBodySize() {
        return maxBodySize;
    }

    public void setMaxBodySize(int maxBodySize) {
        this.maxBodySize = maxBodySize;
    }

    public String getRedirectUrl() {
        return redirectUrl;
    }

    public void setRedirectUrl(String redirectUrl) {
        this.redirectUrl = redirectUrl;
    }

    public LoginDirectory getLoginDirectory() {
        return loginDirectory;
    }

    public void setLoginDirectory(LoginDirectory loginDirectory) {
        this.loginDirectory = loginDirectory;
    }

    public long getReconciliationInterval() {
        return reconciliationInterval;
    }

    public void setReconciliationInterval(long reconciliationInterval) {
        this.reconciliationInterval = reconciliationInterval;
    }

    public int getMaxConcurrentLogins() {
        return maxConcurrentLogins;
    }

    public void setMaxConcurrentLogins(int maxConcurrentLogins) {
        this.maxConcurrentLogins = maxConcurrentLogins;
    }

    public int getMaxCallsPerSecond() {
        return maxCallsPerSecond;
    }

    public void setMaxCallsPerSecond(int maxCallsPerSecond) {
        this.maxCallsPerSecond = maxCallsPerSecond;
    }

    public boolean isRequestSync() {
        return requestSync;
    }

    public void setRequestSync(boolean requestSync) {
        this.requestSync = requestSync;
    }

    public SyncRequests getSyncRequests() {
        return syncRequests;
    }

    public void setSyncRequests(SyncRequests syncRequests) {
        this.syncRequests = syncRequests;
    }

    public LoginStatusStore getLoginStatusStore() {
        return loginStatusStore;
    }

    public void setLoginStatusStore(LoginStatusStore loginStatusStore) {
        this.loginStatusStore = loginStatusStore;
    }

    public String getConnectSigningKey() {
        return connectSigningKey;
    }

    public void setConnectSigningKey(String connectSigningKey) {
        this.connectSigningKey = connectSigningKey;
    }

    @Override
    public String toString() {
        return "FinsifyConfiguration[clientId=" + clientId + ", baseUrl=" + baseUrl + ", auth="
               + (serviceSecret != null ? "service-secret" : appSecret != null ? "app-secret" : "none") + "]";
    }
}
