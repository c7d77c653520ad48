package io.github.camelfinsify.client;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelfinsify.model.Account;
import io.github.camelfinsify.model.Customer;
import io.github.camelfinsify.model.FinsifyService;
import io.github.camelfinsify.model.LoginActivation;
import io.github.camelfinsify.model.LoginRefresh;
import io.github.camelfinsify.model.Token;
import io.github.camelfinsify.model.Transaction;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static io.github.camelfinsify.client.FinsifyClientConfig.requireText;

/**
 * A plain Java client of the Finsify v2 API. It owns HTTP (a pooled Apache HttpClient 5, or one the caller built) and
 * JSON (Jackson, parsed from the response stream), maps every failure to a {@link FinsifyApiException} and retries
 * idempotent calls. Thread-safe; close it to release the connections of the HTTP client it built.
 */
public final class FinsifyClient implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(FinsifyClient.class);
    private static final int MAX_CONNECTIONS = 50;

    private final FinsifyClientConfig config;
    private final CloseableHttpClient http;
    private final boolean ownsHttp;
    private final ObjectMapper mapper = FinsifyJson.mapper();
    private final RetryPolicy retryPolicy;
    private final ServiceListCache serviceCache;
    // the base URL is parsed once: a request names its target host and its path, with no URI parse per call
    private final HttpHost apiHost;
    private final String apiPath;
    // envelope types resolved once: a TypeFactory lookup per call shows in the profile of the cheapest calls
    private final JavaType customerEnvelope = envelopeOf(mapper.constructType(Customer.class));
    private final JavaType tokenEnvelope = envelopeOf(mapper.constructType(Token.class));
    private final JavaType accountsEnvelope = envelopeOf(listOf(Account.class));
    private final JavaType transactionsEnvelope = envelopeOf(listOf(Transaction.class));
    private final JavaType activationEnvelope = envelopeOf(mapper.constructType(LoginActivation.class));
    private final JavaType refreshEnvelope = envelopeOf(mapper.constructType(LoginRefresh.class));
    private final JavaType serviceList = listOf(FinsifyService.class);
    // the list calls, the most frequent, read token by token: databind's cost per record dominated their profile
    private final RecordReader records = new RecordReader(mapper, accountsEnvelope, transactionsEnvelope);

    /** A client with an HTTP client of its own, built from {@code config}'s timeouts, TLS and customizer. */
    public FinsifyClient(FinsifyClientConfig config) {
        this(config, createHttpClient(Objects.requireNonNull(config, "config")), true);
    }

    /**
     * A client that sends its calls through {@code http}, which the caller built and closes: {@link #close()} leaves
     * it open. Its own timeouts, TLS and pool apply; those of {@code config} do not.
     */
    public FinsifyClient(FinsifyClientConfig config, CloseableHttpClient http) {
        this(config, Objects.requireNonNull(http, "http"), false);
    }

    private FinsifyClient(FinsifyClientConfig config, CloseableHttpClient http, boolean ownsHttp) {
        this.config = Objects.requireNonNull(config, "config");
        URI base = URI.create(config.baseUrl()); // checked by the config
        this.apiHost = HttpHost.create(base);
        this.apiPath = base.getRawPath() == null ? "" : base.getRawPath();
        this.retryPolicy = new RetryPolicy(config.maxRetries(), config.retryDelay());
        this.http = http;
        this.ownsHttp = ownsHttp;
        this.serviceCache = new ServiceListCache(config.servicesCacheTtl(), this::fetchServices);
    }

    private static CloseableHttpClient createHttpClient(FinsifyClientConfig config) {
        // the response timeout is the connections' socket timeout, set when a connection is leased: a request
        // config's response timeout would set the same value on the socket once more per request
        PoolingHttpClientConnectionManagerBuilder connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(MAX_CONNECTIONS)
                .setMaxConnPerRoute(MAX_CONNECTIONS)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(config.connectTimeout()))
                        .setSocketTimeout(Timeout.of(config.responseTimeout()))
                        .build());
        if (config.sslContext() != null) {
            connections.setTlsSocketStrategy(
                    ClientTlsStrategyBuilder.create().setSslContext(config.sslContext()).buildClassic());
        }
        HttpClientBuilder builder = HttpClients.custom()
                .setConnectionManager(connections.build())
                // retries are ours: only idempotent calls, with backoff; POSTs never
                .disableAutomaticRetries()
                // one client serves every login: a cookie set for one login's call must not ride on the next
                // login's (the API authenticates by header; cookie handling was also 4 % of a call's CPU)
                .disableCookieManagement()
                .setUserAgent("camel-finsify");
        if (config.httpClientCustomizer() != null) {
            config.httpClientCustomizer().accept(builder);
        }
        return builder.build();
    }

    public FinsifyClientConfig config() {
        return config;
    }

    /** POST /customer. Never retried: a second try could create a second customer. */
    public FinsifyResponse<Customer> createCustomer(String identifier) {
        requireText(identifier, "identifier");
        return call(ApiCall.post("/customer", null, Map.of("identifier", identifier)), customerEnvelope);
    }

    /** POST /token. Never retried. */
    public FinsifyResponse<Token> createToken(String customerId, int serviceId, String callbackUrl) {
        requireText(customerId, "customerId");
        requireText(callbackUrl, "callbackUrl");
        return call(ApiCall.post("/token", null,
                Map.of("customer_id", customerId, "service_id", serviceId, "callback_url", callbackUrl)), tokenEnvelope);
    }

    /** POST /token/reconnect: a new connect URL for a login whose bank credentials no longer work. Never retried. */
    public FinsifyResponse<Token> reconnect(String loginSecret, String callbackUrl) {
        requireText(loginSecret, "loginSecret");
        requireText(callbackUrl, "callbackUrl");
        return call(ApiCall.post("/token/reconnect", loginSecret, Map.of("callback_url", callbackUrl)), tokenEnvelope);
    }

    /** GET /account: the accounts of a login. */
    public FinsifyResponse<List<Account>> accounts(String loginSecret) {
        requireText(loginSecret, "loginSecret");
        return call(ApiCall.get("/account", loginSecret, Map.of()), records::accounts);
    }

    /**
     * One GET /account, never retried: a health probe. It throws the call's {@link FinsifyApiException}; with a
     * secret that is not a login's, {@code LoginNotFound} still proves the API is reachable and accepts the partner.
     */
    public List<Account> ping(String loginSecret) {
        requireText(loginSecret, "loginSecret");
        ApiCall call = ApiCall.get("/account", loginSecret, Map.of());
        FinsifyResponse<List<Account>> response = readResponse(call, in -> readValue(in, records::accounts));
        return response == null || response.data() == null ? List.of() : response.data();
    }

    /** GET /transaction: the transactions of an account between two dates (both inclusive, both optional). */
    public FinsifyResponse<List<Transaction>> transactions(String loginSecret, long accountId, LocalDate from,
                                                           LocalDate to) {
        return call(transactionsCall(loginSecret, accountId, from, to), records::transactions);
    }

    /**
     * GET /transaction, parsed lazily while the response streams in: memory stays flat however many transactions
     * come. The caller must close the stream; a failure while iterating is a {@link FinsifyApiException}.
     */
    public TransactionStream streamTransactions(String loginSecret, long accountId, LocalDate from, LocalDate to) {
        ApiCall call = transactionsCall(loginSecret, accountId, from, to);
        return withRetries(call, () -> {
            ClassicHttpResponse response = send(call);
            try {
                JsonParser parser = mapper.getFactory().createParser(response.getEntity().getContent());
                if (!moveToDataArray(parser)) {
                    throw new FinsifyApiException(call.describe() + " failed: the response has no data array", 200,
                            FinsifyErrorCode.UNKNOWN, null, Map.of(), null, null);
                }
                return new TransactionStream(parser, response, records, e -> errors(call).fromUnreadableBody(
                        call.describe(), 200, e));
            } catch (IOException e) {
                closeQuietly(response);
                throw errors(call).fromUnreadableBody(call.describe(), 200, e);
            } catch (RuntimeException e) {
                closeQuietly(response);
                throw e;
            }
        });
    }

    /** PUT /login/activate. Retried: activating twice is harmless. */
    public FinsifyResponse<LoginActivation> activateLogin(String loginSecret) {
        requireText(loginSecret, "loginSecret");
        return call(ApiCall.put("/login/activate", loginSecret, true), activationEnvelope);
    }

    /** PUT /login/deactivate. Retried: deactivating twice is harmless. */
    public FinsifyResponse<LoginActivation> deactivateLogin(String loginSecret) {
        requireText(loginSecret, "loginSecret");
        return call(ApiCall.put("/login/deactivate", loginSecret, true), activationEnvelope);
    }

    /** PUT /login/refresh. Never retried: a refresh starts work at the bank and is rate limited. */
    public FinsifyResponse<LoginRefresh> refreshLogin(String loginSecret) {
        requireText(loginSecret, "loginSecret");
        return call(ApiCall.put("/login/refresh", loginSecret, false), refreshEnvelope);
    }

    /**
     * The service list, filtered by country code and type when given (case-insensitive). The list is a static file:
     * it is fetched at most once per {@code servicesCacheTtl}.
     */
    public List<FinsifyService> services(String countryCode, String serviceType) {
        return serviceCache.get().stream()
                .filter(s -> countryCode == null || countryCode.equalsIgnoreCase(s.countryCode()))
                .filter(s -> serviceType == null || serviceType.equalsIgnoreCase(s.type()))
                .toList();
    }

    private List<FinsifyService> fetchServices() {
        ApiCall call = ApiCall.absoluteGet(config.servicesUrl());
        return withRetries(call, () -> readResponse(call, in -> {
            try (JsonParser parser = mapper.getFactory().createParser(in)) {
                // the file is a bare array or {"data": [...]}
                JsonToken first = parser.nextToken();
                if (first == JsonToken.START_OBJECT) {
                    if (!moveToField(parser, "data")) {
                        throw new FinsifyApiException(call.describe() + " failed: the service list has no data array",
                                200, FinsifyErrorCode.UNKNOWN, null, Map.of(), null, null);
                    }
                    parser.nextToken(); // onto the array: Jackson reads a value from the current token
                }
                return readValue(parser, serviceList);
            }
        }));
    }

    @Override
    public void close() throws IOException {
        if (ownsHttp) {
            http.close();
        }
    }

    // --- calls ---------------------------------------------------------------------------------------------

    private ApiCall transactionsCall(String loginSecret, long accountId, LocalDate from, LocalDate to) {
        requireText(loginSecret, "loginSecret");
        Map<String, String> query = new LinkedHashMap<>();
        query.put("account_id", Long.toString(accountId));
        if (from != null) {
            query.put("from_date", from.toString());
        }
        if (to != null) {
            // the reference's table says end_date, its examples send to_date: send both
            query.put("to_date", to.toString());
            query.put("end_date", to.toString());
        }
        return ApiCall.get("/transaction", loginSecret, query);
    }

    /** Calls and reads the {@link FinsifyResponse} envelope of type {@code envelope} (see {@link #envelopeOf}). */
    private <T> FinsifyResponse<T> call(ApiCall call, JavaType envelope) {
        return call(call, parser -> mapper.readValue(parser, envelope));
    }

    /** Calls and reads its envelope with {@code envelopeReader}. */
    private <T> FinsifyResponse<T> call(ApiCall call, ParserReader<FinsifyResponse<T>> envelopeReader) {
        return withRetries(call, () -> readResponse(call, in -> {
            FinsifyResponse<T> response = readValue(in, envelopeReader);
            if (response == null || response.data() == null) {
                throw new FinsifyApiException(call.describe() + " failed: the response has no data", 200,
                        FinsifyErrorCode.UNKNOWN, null, Map.of(), null, null);
            }
            return response;
        }));
    }

    private <T> T readValue(InputStream in, ParserReader<T> reader) throws IOException {
        try (JsonParser parser = mapper.getFactory().createParser(in)) {
            return readValue(parser, reader);
        }
    }

    private <T> T readValue(JsonParser parser, JavaType type) throws IOException {
        return readValue(parser, p -> mapper.readValue(p, type));
    }

    /**
     * Reads a value; when its shape is wrong, reads on to the end first: a body cut short then fails as the cut it
     * is (end-of-input, a retryable transport failure) rather than as whatever shape error Jackson met first.
     */
    private <T> T readValue(JsonParser parser, ParserReader<T> reader) throws IOException {
        try {
            return reader.read(parser);
        } catch (JsonMappingException wrongShape) {
            while (parser.nextToken() != null) {
                // drain: throws end-of-input if the body was cut
            }
            throw wrongShape;
        }
    }

    private <T> T withRetries(ApiCall call, Attempt<T> attempt) {
        for (int n = 1;; n++) {
            try {
                return attempt.run();
            } catch (FinsifyApiException e) {
                if (!retryPolicy.shouldRetry(call.idempotent(), e, n)) {
                    throw e;
                }
                Duration delay = retryPolicy.delayBefore(n, e);
                // DEBUG: the retries are counted (finsify.api.retries), and a call that fails in the end is reported
                LOG.debug("{}; retry {} of {} in {} ms", e.getMessage(), n, config.maxRetries(), delay.toMillis());
                config.callListener().onRetry(call.operation());
                sleep(delay, call, e);
            }
        }
    }

    private <T> T readResponse(ApiCall call, BodyReader<T> reader) {
        try (ClassicHttpResponse response = send(call)) {
            HttpEntity entity = response.getEntity();
            if (entity == null) {
                throw new FinsifyApiException(call.describe() + " failed: HTTP " + response.getCode() + " with no body",
                        response.getCode(), FinsifyErrorCode.UNKNOWN, null, Map.of(), null, null);
            }
            try (InputStream in = entity.getContent()) {
                return reader.read(in);
            } catch (IOException e) {
                throw errors(call).fromUnreadableBody(call.describe(), response.getCode(), e);
            }
        } catch (IOException e) {
            throw errors(call).fromIoFailure(call.describe(), e);
        }
    }

    /** Sends the request; answers a successful response, open, or throws the mapped error. */
    private ClassicHttpResponse send(ApiCall call) {
        ClassicHttpRequest request = target(call);
        request.addHeader("accept", "application/json");
        request.addHeader("content-type", "application/json");
        if (!call.absolute()) {
            request.addHeader("client-id", config.clientId());
            request.addHeader(config.secretHeaderName(), config.secretHeaderValue());
        }
        if (call.loginSecret() != null) {
            request.addHeader("login-secret", call.loginSecret());
        }
        if (call.body() != null) {
            try {
                request.setEntity(new ByteArrayEntity(mapper.writeValueAsBytes(call.body()),
                        ContentType.APPLICATION_JSON));
            } catch (IOException e) {
                throw errors(call).fromIoFailure(call.describe(), e);
            }
        }
        long start = System.nanoTime();
        ClassicHttpResponse response;
        try {
            response = http.executeOpen(null, request, null);
        } catch (IOException e) {
            FinsifyApiException failure = errors(call).fromIoFailure(call.describe(), e);
            config.callListener().onCall(call.operation(), 0, failure.errorCode(), System.nanoTime() - start);
            throw failure;
        }
        long elapsed = System.nanoTime() - start;
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} -> HTTP {} in {} ms", call.describe(), response.getCode(), elapsed / 1_000_000);
        }
        if (response.getCode() >= 300) {
            FinsifyApiException failure;
            try {
                failure = errors(call).fromResponse(call.describe(), response);
            } finally {
                closeQuietly(response);
            }
            config.callListener().onCall(call.operation(), response.getCode(), failure.errorCode(), elapsed);
            throw failure;
        }
        config.callListener().onCall(call.operation(), response.getCode(), null, elapsed);
        return response;
    }

    /**
     * The request, aimed at its host and path: API calls append their path and query to the parsed base URL's;
     * absolute calls (the service list, fetched once per cache TTL) parse their URL.
     */
    private ClassicHttpRequest target(ApiCall call) {
        if (call.absolute()) {
            return new BasicClassicHttpRequest(call.method(), parseUri(call.path()));
        }
        StringBuilder path = new StringBuilder(apiPath).append(call.path());
        char separator = '?';
        for (Map.Entry<String, String> parameter : call.query().entrySet()) {
            path.append(separator).append(parameter.getKey()).append('=')
                    .append(queryValue(parameter.getValue()));
            separator = '&';
        }
        return new BasicClassicHttpRequest(call.method(), apiHost, path.toString());
    }

    /** The value URL-encoded; ids and dates, made of unreserved characters only, as they are (no copy per call). */
    private static String queryValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-' || c == '.'
                  || c == '_' || c == '~')) {
                return URLEncoder.encode(value, StandardCharsets.UTF_8);
            }
        }
        return value;
    }

    private static URI parseUri(String url) {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Not a valid Finsify URL: " + e.getInput(), e);
        }
    }

    private ApiErrors errors(ApiCall call) {
        return new ApiErrors(new SecretRedactor(
                Arrays.asList(call.loginSecret(), config.serviceSecret(), config.appSecret())));
    }

    private JavaType listOf(Class<?> elementType) {
        return mapper.getTypeFactory().constructCollectionType(List.class, elementType);
    }

    private JavaType envelopeOf(JavaType dataType) {
        return mapper.getTypeFactory().constructParametricType(FinsifyResponse.class, dataType);
    }

    /** Moves the parser of an envelope to just inside its {@code data} array. */
    static boolean moveToDataArray(JsonParser parser) throws IOException {
        return parser.nextToken() == JsonToken.START_OBJECT && moveToField(parser, "data")
               && parser.nextToken() == JsonToken.START_ARRAY;
    }

    /** From inside an object, moves to the name of {@code field}; skips other members. */
    private static boolean moveToField(JsonParser parser, String field) throws IOException {
        for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
            if (field.equals(parser.currentName())) {
                return true;
            }
            parser.nextToken();
            parser.skipChildren();
        }
        return false;
    }

    private static void sleep(Duration delay, ApiCall call, FinsifyApiException failure) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure;
        }
    }

    static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException | RuntimeException ignored) {
            // nothing more to release
        }
    }

    @FunctionalInterface
    private interface Attempt<T> {
        T run();
    }

    @FunctionalInterface
    private interface ParserReader<T> {
        T read(JsonParser parser) throws IOException;
    }

    @FunctionalInterface
    private interface BodyReader<T> {
        T read(InputStream in) throws IOException;
    }

    /** One request to send: never holds a secret in {@link #describe()}. */
    private record ApiCall(String method, String path, boolean absolute, String loginSecret, Map<String, String> query,
                           Object body, boolean idempotent) {

        static ApiCall get(String path, String loginSecret, Map<String, String> query) {
            return new ApiCall("GET", path, false, loginSecret, query, null, true);
        }

        static ApiCall absoluteGet(String url) {
            return new ApiCall("GET", url, true, null, Map.of(), null, true);
        }

        static ApiCall post(String path, String loginSecret, Map<String, ?> body) {
            return new ApiCall("POST", path, false, loginSecret, Map.of(), body, false);
        }

        static ApiCall put(String path, String loginSecret, boolean idempotent) {
            return new ApiCall("PUT", path, false, loginSecret, Map.of(), null, idempotent);
        }

        String describe() {
            return "Finsify " + operation();
        }

        /** Method and path, as metrics name the call: no query, no host. */
        String operation() {
            return method + " " + (absolute ? URI.create(path).getPath() : path);
        }

        @Override
        public String toString() {
            return describe();
        }
    }
}
