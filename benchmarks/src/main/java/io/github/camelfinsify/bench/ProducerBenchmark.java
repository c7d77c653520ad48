package io.github.camelfinsify.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelfinsify.bench.BenchJson.AccountsEnvelope;
import io.github.camelfinsify.bench.BenchJson.TransactionsEnvelope;
import io.github.camelfinsify.model.Account;
import io.github.camelfinsify.model.Transaction;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.jackson.JacksonDataFormat;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * The same two API calls made five ways against the same canned server (another process, on loopback):
 * <ul>
 * <li>{@code finsify*}: {@code ProducerTemplate.requestBody} on the {@code finsify:} endpoint (resolved once);</li>
 * <li>{@code camelHttp*}: a hand-written route, {@code direct: -> setHeader x4 -> http: -> unmarshal(jackson) -> data};</li>
 * <li>{@code httpClient*}: Apache HttpClient 5 (pooled) + Jackson parsing from the response stream;</li>
 * <li>{@code camelHttpMap*}: the same route unmarshalling to a {@code Map} (untyped), body {@code map.get("data")};</li>
 * <li>{@code httpClientTree*}: HttpClient 5 + {@code ObjectMapper.readTree} of the stream (untyped), the
 * {@code data} node.</li>
 * </ul>
 * The first three return the parsed {@code List<Account>} / {@code List<Transaction>} (the component's model
 * records); the untyped two what a user parsing by hand would then read fields from. The server's port comes from
 * {@code -Dbench.port}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class ProducerBenchmark {

    static final String FROM = "2017-01-01";
    static final String TO = "2017-12-31";

    private CamelContext camel;
    private ProducerTemplate template;
    private Endpoint finsifyAccounts;
    private Endpoint finsifyTransactions;
    private Endpoint routeAccounts;
    private Endpoint routeTransactions;
    private Endpoint mapRouteAccounts;
    private Endpoint mapRouteTransactions;
    private CloseableHttpClient http;
    private URI accountsUri;
    private URI transactionsUri;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        int port = Integer.getInteger("bench.port", -1);
        if (port < 0) {
            throw new IllegalStateException("-Dbench.port=<canned server port> is required");
        }
        String base = "http://127.0.0.1:" + port;
        String query = "account_id=" + Payloads.ACCOUNT_50 + "&from_date=" + FROM + "&to_date=" + TO + "&end_date=" + TO;
        accountsUri = URI.create(base + "/v2/account");
        transactionsUri = URI.create(base + "/v2/transaction?" + query);

        camel = new DefaultCamelContext();
        JacksonDataFormat accountsJson = new JacksonDataFormat(BenchJson.MAPPER, AccountsEnvelope.class);
        JacksonDataFormat transactionsJson = new JacksonDataFormat(BenchJson.MAPPER, TransactionsEnvelope.class);
        JacksonDataFormat mapJson = new JacksonDataFormat(BenchJson.MAPPER, Map.class);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:httpAccounts")
                        .setHeader("client-id", constant(Payloads.CLIENT_ID))
                        .setHeader("service-secret", constant(Payloads.SERVICE_SECRET))
                        .setHeader("login-secret", constant(Payloads.LOGIN_SECRET))
                        .setHeader("accept", constant("application/json"))
                        .to(base + "/v2/account")
                        .unmarshal(accountsJson)
                        .process(e -> e.getMessage().setBody(e.getMessage().getBody(AccountsEnvelope.class).data()));
                from("direct:httpTransactions")
                        .setHeader("client-id", constant(Payloads.CLIENT_ID))
                        .setHeader("service-secret", constant(Payloads.SERVICE_SECRET))
                        .setHeader("login-secret", constant(Payloads.LOGIN_SECRET))
                        .setHeader("accept", constant("application/json"))
                        .to(base + "/v2/transaction?" + query)
                        .unmarshal(transactionsJson)
                        .process(e -> e.getMessage().setBody(
                                e.getMessage().getBody(TransactionsEnvelope.class).data()));
                from("direct:mapAccounts")
                        .setHeader("client-id", constant(Payloads.CLIENT_ID))
                        .setHeader("service-secret", constant(Payloads.SERVICE_SECRET))
                        .setHeader("login-secret", constant(Payloads.LOGIN_SECRET))
                        .setHeader("accept", constant("application/json"))
                        .to(base + "/v2/account")
                        .unmarshal(mapJson)
                        .process(e -> e.getMessage().setBody(e.getMessage().getBody(Map.class).get("data")));
                from("direct:mapTransactions")
                        .setHeader("client-id", constant(Payloads.CLIENT_ID))
                        .setHeader("service-secret", constant(Payloads.SERVICE_SECRET))
                        .setHeader("login-secret", constant(Payloads.LOGIN_SECRET))
                        .setHeader("accept", constant("application/json"))
                        .to(base + "/v2/transaction?" + query)
                        .unmarshal(mapJson)
                        .process(e -> e.getMessage().setBody(e.getMessage().getBody(Map.class).get("data")));
            }
        });
        camel.start();
        template = camel.createProducerTemplate();
        String common = "clientId=" + Payloads.CLIENT_ID + "&serviceSecret=RAW(" + Payloads.SERVICE_SECRET
                        + ")&loginSecret=RAW(" + Payloads.LOGIN_SECRET + ")&baseUrl=" + base + "/v2";
        finsifyAccounts = camel.getEndpoint("finsify:accounts?" + common);
        finsifyTransactions = camel.getEndpoint("finsify:transactions?" + common + "&accountId=" + Payloads.ACCOUNT_50
                                                + "&fromDate=" + FROM + "&toDate=" + TO);
        routeAccounts = camel.getEndpoint("direct:httpAccounts");
        routeTransactions = camel.getEndpoint("direct:httpTransactions");
        mapRouteAccounts = camel.getEndpoint("direct:mapAccounts");
        mapRouteTransactions = camel.getEndpoint("direct:mapTransactions");
        http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create().build())
                .build();

        // the three variants must return the same thing, or the comparison means nothing
        check(finsifyAccounts(), 1);
        check(camelHttpAccounts(), 1);
        check(httpClientAccounts(), 1);
        check(finsifyTransactions50(), 50);
        check(camelHttpTransactions50(), 50);
        check(httpClientTransactions50(), 50);
        if (!finsifyTransactions50().equals(httpClientTransactions50())
            || !camelHttpTransactions50().equals(httpClientTransactions50())
            || !finsifyAccounts().equals(httpClientAccounts())) {
            throw new IllegalStateException("the variants do not parse to equal records");
        }
        check(camelHttpMapAccounts(), 1);
        check(camelHttpMapTransactions50(), 50);
        checkTree(httpClientTreeAccounts(), 1);
        checkTree(httpClientTreeTransactions50(), 50);
        // the untyped variants read the same body: same ids, same amounts as text
        if (!httpClientTreeTransactions50().get(49).get("amount").asText()
                .equals(finsifyTransactions50().get(49).amount().toPlainString())
            || !((Map<?, ?>) camelHttpMapTransactions50().get(49)).get("id").equals(
                    (int) finsifyTransactions50().get(49).id())) {
            throw new IllegalStateException("the untyped variants do not read the same transactions");
        }
    }

    private static void check(List<?> list, int expected) {
        if (list == null || list.size() != expected) {
            throw new IllegalStateException("expected " + expected + " items, got " + list);
        }
    }

    private static void checkTree(JsonNode data, int expected) {
        if (data == null || !data.isArray() || data.size() != expected) {
            throw new IllegalStateException("expected an array of " + expected + " items, got " + data);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        http.close();
        camel.close();
    }

    // --- accounts ------------------------------------------------------------------------------------------

    @Benchmark
    public List<Account> finsifyAccounts(CpuMeter meter) {
        meter.calls++;
        return finsifyAccounts();
    }

    @Benchmark
    public List<Account> camelHttpAccounts(CpuMeter meter) {
        meter.calls++;
        return camelHttpAccounts();
    }

    @Benchmark
    public List<Account> httpClientAccounts(CpuMeter meter) throws IOException {
        meter.calls++;
        return httpClientAccounts();
    }

    @Benchmark
    public List<?> camelHttpMapAccounts(CpuMeter meter) {
        meter.calls++;
        return camelHttpMapAccounts();
    }

    @Benchmark
    public JsonNode httpClientTreeAccounts(CpuMeter meter) throws IOException {
        meter.calls++;
        return httpClientTreeAccounts();
    }

    // --- transactions (50) ---------------------------------------------------------------------------------

    @Benchmark
    public List<Transaction> finsifyTransactions50(CpuMeter meter) {
        meter.calls++;
        return finsifyTransactions50();
    }

    @Benchmark
    public List<Transaction> camelHttpTransactions50(CpuMeter meter) {
        meter.calls++;
        return camelHttpTransactions50();
    }

    @Benchmark
    public List<Transaction> httpClientTransactions50(CpuMeter meter) throws IOException {
        meter.calls++;
        return httpClientTransactions50();
    }

    @Benchmark
    public List<?> camelHttpMapTransactions50(CpuMeter meter) {
        meter.calls++;
        return camelHttpMapTransactions50();
    }

    @Benchmark
    public JsonNode httpClientTreeTransactions50(CpuMeter meter) throws IOException {
        meter.calls++;
        return httpClientTreeTransactions50();
    }

    // --- the calls -----------------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    List<Account> finsifyAccounts() {
        return (List<Account>) template.requestBody(finsifyAccounts, (Object) null);
    }

    @SuppressWarnings("unchecked")
    List<Account> camelHttpAccounts() {
        return (List<Account>) template.requestBody(routeAccounts, (Object) null);
    }

    List<Account> httpClientAccounts() throws IOException {
        return http.execute(request(accountsUri), response -> {
            try (InputStream in = body(response)) {
                return BenchJson.MAPPER.readValue(in, AccountsEnvelope.class).data();
            }
        });
    }

    @SuppressWarnings("unchecked")
    List<Transaction> finsifyTransactions50() {
        return (List<Transaction>) template.requestBody(finsifyTransactions, (Object) null);
    }

    @SuppressWarnings("unchecked")
    List<Transaction> camelHttpTransactions50() {
        return (List<Transaction>) template.requestBody(routeTransactions, (Object) null);
    }

    List<Transaction> httpClientTransactions50() throws IOException {
        return http.execute(request(transactionsUri), response -> {
            try (InputStream in = body(response)) {
                return BenchJson.MAPPER.readValue(in, TransactionsEnvelope.class).data();
            }
        });
    }

    List<?> camelHttpMapAccounts() {
        return (List<?>) template.requestBody(mapRouteAccounts, (Object) null);
    }

    List<?> camelHttpMapTransactions50() {
        return (List<?>) template.requestBody(mapRouteTransactions, (Object) null);
    }

    JsonNode httpClientTreeAccounts() throws IOException {
        return tree(accountsUri);
    }

    JsonNode httpClientTreeTransactions50() throws IOException {
        return tree(transactionsUri);
    }

    private JsonNode tree(URI uri) throws IOException {
        return http.execute(request(uri), response -> {
            try (InputStream in = body(response)) {
                return BenchJson.MAPPER.readTree(in).get("data");
            }
        });
    }

    private static ClassicHttpRequest request(URI uri) {
        return ClassicRequestBuilder.get(uri)
                .addHeader("client-id", Payloads.CLIENT_ID)
                .addHeader("service-secret", Payloads.SERVICE_SECRET)
                .addHeader("login-secret", Payloads.LOGIN_SECRET)
                .addHeader("accept", "application/json")
                .addHeader("content-type", "application/json")
                .build();
    }

    private static InputStream body(ClassicHttpResponse response) throws IOException {
        if (response.getCode() != 200) {
            throw new IOException("HTTP " + response.getCode());
        }
        return response.getEntity().getContent();
    }
}
