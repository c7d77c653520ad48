package io.github.camelfinsify.consumer;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.camelfinsify.FinsifyComponent;
import io.github.camelfinsify.FinsifyConstants;
import io.github.camelfinsify.model.ConnectResult;
import io.github.camelfinsify.model.Customer;
import io.github.camelfinsify.model.Token;
import io.github.camelfinsify.sandbox.FinsifySandbox;
import io.github.camelfinsify.test.LogCapture;
import io.github.camelfinsify.webhook.ConnectStateSigner;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code connectSigningKey}, {@code finsify:connect} takes only the callbacks that bring back the state
 * {@code createToken} or {@code reconnect} signed for a customer, once and before it expires, and tells the route
 * whose connect it was.
 */
class SignedConnectConsumerTest extends SandboxConsumerTestSupport {

    static final String SIGNING_KEY = "connect-signing-key-for-tests-9f1c2e7a4b6d";
    private static final String CUSTOMER = "c0ffee00-1111-4222-8333-444455556666";
    private static final String SECRET = "78cea84c-7eb8-4425-2312-3a1ac8383afe";
    private static final String SUCCESS = "{\"status\":\"success\",\"login_id\":23456,\"secret\":\"" + SECRET + "\"}";

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    private final ConnectStateSigner signer = signerAt(Clock.systemUTC());
    private final AtomicBoolean failNextDelivery = new AtomicBoolean();

    private static ConnectStateSigner signerAt(Clock clock) {
        return new ConnectStateSigner(SIGNING_KEY, ConnectStateSigner.DEFAULT_TTL, clock);
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.getComponent("finsify", FinsifyComponent.class).getConfiguration()
                .setConnectSigningKey(SIGNING_KEY);
        return context;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("finsify:connect").routeId("connect").to("mock:connected");
                from("finsify:connect?path=/flaky").process(e -> {
                    if (failNextDelivery.getAndSet(false)) {
                        throw new IllegalStateException("the database is down");
                    }
                }).to("mock:flaky");
            }
        };
    }

    /** Percent-encoding as RFC 3986 has it (a space is %20). */
    private static String encoded(String json) {
        return URLEncoder.encode(json, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String callback(String state, String json) {
        return "/finsify/connect/" + state + "/" + encoded(json);
    }

    private MockEndpoint connected() {
        return getMockEndpoint("mock:connected");
    }

    private void assertNothingReachedTheRoute() {
        assertThat(connected().getReceivedCounter()).as("exchanges that reached the route").isZero();
    }

    @Test
    void aCallbackWithAValidStateReachesTheRouteWithItsCustomer() throws Exception {
        HttpResponse<String> page = get(callback(signer.sign(CUSTOMER), SUCCESS));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Your bank is connected").doesNotContain(SECRET);
        assertThat(connected().getReceivedExchanges()).hasSize(1);
        Exchange exchange = connected().getReceivedExchanges().get(0);
        assertThat(exchange.getIn().getBody()).isEqualTo(new ConnectResult("success", 23456L, SECRET));
        assertThat(exchange.getIn().getHeader(FinsifyConstants.CUSTOMER_ID)).isEqualTo(CUSTOMER);
        assertThat(exchange.getIn().getHeader(FinsifyConstants.LOGIN_ID)).isEqualTo(23456L);
    }

    @Test
    void theResultMayComeAsTheDataParameterAfterTheState() throws Exception {
        HttpResponse<String> page = get("/finsify/connect/" + signer.sign(CUSTOMER) + "?data=" + encoded(SUCCESS));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(connected().getReceivedExchanges().get(0).getIn().getHeader(FinsifyConstants.CUSTOMER_ID))
                .isEqualTo(CUSTOMER);
    }

    @Test
    void aCallbackWithoutAStateIsRefusedAndNothingReachesTheRoute() throws Exception {
        HttpResponse<String> page = get("/finsify/connect/" + encoded(SUCCESS));

        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("cannot be verified").doesNotContain(SECRET);
        assertNothingReachedTheRoute();
    }

    @Test
    void aStateSignedWithAnotherKeyIsRefused() throws Exception {
        ConnectStateSigner forger = new ConnectStateSigner("a-key-the-attacker-chose-0123456789abcdef",
                ConnectStateSigner.DEFAULT_TTL, Clock.systemUTC());

        HttpResponse<String> page = get(callback(forger.sign(CUSTOMER), SUCCESS));

        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body()).contains("cannot be verified");
        assertNothingReachedTheRoute();
    }

    @Test
    void aStateMovedToAnotherCustomerIsRefused() throws Exception {
        String[] parts = signer.sign("attacker").split("\\.");
        parts[3] = Base64.getUrlEncoder().withoutPadding().encodeToString(CUSTOMER.getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> page = get(callback(String.join(".", parts), SUCCESS));

        assertThat(page.statusCode()).isEqualTo(403);
        assertNothingReachedTheRoute();
    }

    @Test
    void anExpiredStateIsRefused() throws Exception {
        Clock halfAnHourAgo = Clock.fixed(Instant.now().minus(Duration.ofMinutes(30)).minusSeconds(1), ZoneOffset.UTC);

        HttpResponse<String> page = get(callback(signerAt(halfAnHourAgo).sign(CUSTOMER), SUCCESS));

        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body()).contains("expired");
        assertNothingReachedTheRoute();
    }

    @Test
    void aReplayedCallbackIsRefusedAndTheResultDeliveredOnce() throws Exception {
        String path = callback(signer.sign(CUSTOMER), SUCCESS);
        assertThat(get(path).statusCode()).isEqualTo(200);

        HttpResponse<String> replay = get(path);

        assertThat(replay.statusCode()).isEqualTo(403);
        assertThat(replay.body()).contains("already used").doesNotContain(SECRET);
        assertThat(connected().getReceivedCounter()).isEqualTo(1);
    }

    @Test
    void aStateIsUsedUpByItsFirstCallbackWhateverTheResult() throws Exception {
        String state = signer.sign(CUSTOMER);
        assertThat(get(callback(state, "{\"status\":\"login_wrong_credentials\"}")).statusCode()).isEqualTo(200);

        assertThat(get(callback(state, SUCCESS)).statusCode()).isEqualTo(403);
        assertThat(connected().getReceivedExchanges()).hasSize(1);
    }

    @Test
    void aStateWhoseDeliveryFailedIsAcceptedWhenTheUserTriesAgain() throws Exception {
        String path = "/flaky/" + signer.sign(CUSTOMER) + "/" + encoded(SUCCESS);
        failNextDelivery.set(true);
        assertThat(get(path).statusCode()).isEqualTo(500);

        HttpResponse<String> retry = get(path);

        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(getMockEndpoint("mock:flaky").getReceivedExchanges()).singleElement()
                .satisfies(e -> assertThat(e.getIn().getHeader(FinsifyConstants.CUSTOMER_ID)).isEqualTo(CUSTOMER));
    }

    @Test
    void aFailedConnectWithAValidStateReachesTheRouteWithItsCustomerAndNoSecret() throws Exception {
        HttpResponse<String> page = get(callback(signer.sign(CUSTOMER),
                "{\"status\":\"login_account_locked\",\"secret\":\"" + SECRET + "\"}"));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("not connected");
        Exchange exchange = connected().getReceivedExchanges().get(0);
        assertThat(exchange.getIn().getBody()).isEqualTo(new ConnectResult("login_account_locked", null, null));
        assertThat(exchange.getIn().getHeader(FinsifyConstants.CUSTOMER_ID)).isEqualTo(CUSTOMER);
    }

    @Test
    void anIncompleteSuccessIsRefusedEvenWithAValidStateAndDoesNotUseItUp() throws Exception {
        String state = signer.sign(CUSTOMER);

        HttpResponse<String> incomplete = get(callback(state, "{\"status\":\"success\",\"login_id\":23456}"));

        assertThat(incomplete.statusCode()).isEqualTo(400);
        assertThat(incomplete.body()).doesNotContain("Your bank is connected");
        assertNothingReachedTheRoute();
        assertThat(get(callback(state, SUCCESS)).statusCode()).isEqualTo(200);
    }

    @Test
    void createTokenSignsTheCallbackAndTheSandboxConnectPageBringsTheStateBack() throws Exception {
        String callbackUrl = url("/finsify/connect");
        Customer customer = createCustomer();
        Token token = template.requestBodyAndHeaders("finsify:createToken", null, Map.of(
                FinsifyConstants.CUSTOMER_ID, customer.customerId(), FinsifyConstants.SERVICE_ID, 8,
                FinsifyConstants.CALLBACK_URL, callbackUrl), Token.class);

        String landing = submitConnectPage(token.connectUrl(), "user_good");

        assertThat(landing).startsWith(callbackUrl + "/v1.");
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(landing)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        Exchange exchange = connected().getReceivedExchanges().get(0);
        assertThat(exchange.getIn().getHeader(FinsifyConstants.CUSTOMER_ID)).isEqualTo(customer.customerId());
        assertThat(exchange.getIn().getBody(ConnectResult.class).isSuccess()).isTrue();
        assertThat(http.send(HttpRequest.newBuilder(URI.create(landing)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).as("the same landing again").isEqualTo(403);
    }

    @Test
    void reconnectBindsTheStateToTheCustomerTheRouteNames() throws Exception {
        Customer customer = createCustomer();
        Token first = template.requestBodyAndHeaders("finsify:createToken", null, Map.of(
                FinsifyConstants.CUSTOMER_ID, customer.customerId(), FinsifyConstants.SERVICE_ID, 8,
                FinsifyConstants.CALLBACK_URL, url("/finsify/connect")), Token.class);
        get(URI.create(submitConnectPage(first.connectUrl(), "user_good")).getRawPath());
        ConnectResult connectedLogin = connected().getReceivedExchanges().get(0).getIn().getBody(ConnectResult.class);

        Token reconnect = template.requestBodyAndHeaders("finsify:reconnect", null, Map.of(
                FinsifyConstants.LOGIN_SECRET, connectedLogin.secret(),
                FinsifyConstants.CUSTOMER_ID, customer.customerId(),
                FinsifyConstants.CALLBACK_URL, url("/finsify/connect")), Token.class);
        HttpResponse<String> page = get(URI.create(submitConnectPage(reconnect.connectUrl(), "user_good")).getRawPath());

        assertThat(page.statusCode()).isEqualTo(200);
        Exchange reconnected = connected().getReceivedExchanges().get(1);
        assertThat(reconnected.getIn().getHeader(FinsifyConstants.CUSTOMER_ID)).isEqualTo(customer.customerId());
        assertThat(reconnected.getIn().getBody(ConnectResult.class).loginId()).isEqualTo(connectedLogin.loginId());
    }

    @Test
    void theSigningKeyIsInNoLogLineAndNoEndpoint() throws Exception {
        get(callback(signer.sign(CUSTOMER), SUCCESS));
        get("/finsify/connect/" + encoded(SUCCESS));

        assertThat(logs.lines()).noneSatisfy(line -> assertThat(line).contains(SIGNING_KEY));
        assertThat(context.getEndpoints()).noneSatisfy(e -> assertThat(e.toString()).contains(SIGNING_KEY));
    }

    @Test
    void withASigningKeyTheConsumerStartsWithoutAWarning() throws Exception {
        context.getRouteController().stopRoute("connect");
        context.getRouteController().startRoute("connect");

        assertThat(logs.lines()).noneSatisfy(line -> assertThat(line).contains("connectSigningKey"));
    }

    private Customer createCustomer() {
        return template.requestBodyAndHeader("finsify:createCustomer", null, FinsifyConstants.IDENTIFIER,
                "signed-" + System.nanoTime(), Customer.class);
    }

    /** Fills the sandbox's connect page as a browser would, and answers where it sends the browser. */
    private String submitConnectPage(String connectUrl, String username) throws Exception {
        HttpClient noRedirects = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        assertThat(noRedirects.send(HttpRequest.newBuilder(URI.create(connectUrl)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        HttpResponse<String> submitted = noRedirects.send(HttpRequest.newBuilder(URI.create(connectUrl))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + username + "&password="
                                                          + FinsifySandbox.PASSWORD))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(submitted.statusCode()).isEqualTo(302);
        return submitted.headers().firstValue("Location").orElseThrow();
    }
}
