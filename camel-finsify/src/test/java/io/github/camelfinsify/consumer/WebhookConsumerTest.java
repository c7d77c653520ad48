package io.github.camelfinsify.consumer;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelfinsify.FinsifyConstants;
import io.github.camelfinsify.model.LoginStatus;
import io.github.camelfinsify.model.LoginStatusEvent;
import io.github.camelfinsify.model.NewTransactionsEvent;
import io.github.camelfinsify.model.UnknownEvent;
import io.github.camelfinsify.sandbox.SandboxLogin;
import io.github.camelfinsify.sandbox.WebhookDelivery;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.github.camelfinsify.test.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code finsify:webhook} on a real platform-http server, fed by the sandbox and by a real HTTP client.
 */
class WebhookConsumerTest extends SandboxConsumerTestSupport {

    private final AtomicInteger failuresToInject = new AtomicInteger();

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("finsify:webhook?webhookToken=RAW(old-token-1234567890," + WEBHOOK_TOKEN + ")")
                        .process(e -> {
                            if (failuresToInject.getAndDecrement() > 0) {
                                throw new IllegalStateException("the database is down");
                            }
                        })
                        .to("mock:events");
            }
        };
    }

    private MockEndpoint events() {
        return getMockEndpoint("mock:events");
    }

    private HttpResponse<String> postEvent(String body) throws Exception {
        return post("/finsify/webhook", "application/json", body, Map.of("X-Finsify-Token", WEBHOOK_TOKEN));
    }

    @Test
    void newTransactionsFromTheSandboxArriveAsATypedEvent() throws Exception {
        SandboxLogin login = sandbox().connectLogin("user_good");
        long accountId = login.accountIds().get(0);

        sandbox().addTransactions(accountId, 2);

        await().atMost(Duration.ofSeconds(10)).until(() -> events().getReceivedCounter() == 1);
        Exchange exchange = events().getReceivedExchanges().get(0);
        NewTransactionsEvent event = exchange.getIn().getBody(NewTransactionsEvent.class);
        assertThat(event.loginId()).isEqualTo(login.loginId());
        assertThat(event.accountIds()).containsExactly(accountId);
        assertThat(event.newCount()).isEqualTo(2);
        assertThat(event.referenceId()).isNotBlank();
        assertThat(event.timestamp()).isNotNull();
        assertThat(exchange.getIn().getHeader(FinsifyConstants.EVENT_TYPE)).isEqualTo("newTransactions");
        assertThat(exchange.getIn().getHeader(FinsifyConstants.LOGIN_ID)).isEqualTo(login.loginId());
    }

    @Test
    void loginStatusFromTheSandboxArrivesAsATypedEvent() {
        SandboxLogin login = sandbox().connectLogin("user_good");

        sandbox().setLoginStatus(login.loginId(), "login_password_expired");

        await().atMost(Duration.ofSeconds(10)).until(() -> events().getReceivedCounter() == 1);
        Exchange exchange = events().getReceivedExchanges().get(0);
        LoginStatusEvent event = exchange.getIn().getBody(LoginStatusEvent.class);
        assertThat(event).isEqualTo(new LoginStatusEvent(login.loginId(), LoginStatus.PASSWORD_EXPIRED,
                "login_password_expired"));
        assertThat(event.requiresUserAction()).isTrue();
        assertThat(exchange.getIn().getHeader(FinsifyConstants.LOGIN_STATUS)).isEqualTo(LoginStatus.PASSWORD_EXPIRED);
        assertThat(exchange.getIn().getHeader(FinsifyConstants.EVENT_TYPE)).isEqualTo("loginStatus");
    }

    @Test
    void referenceSamplesArriveTyped() throws Exception {
        assertThat(postEvent(json("webhook-new-transactions")).statusCode()).isEqualTo(200);
        assertThat(postEvent(json("webhook-login-status")).statusCode()).isEqualTo(200);

        assertThat(events().getReceivedExchanges()).extracting(e -> e.getIn().getBody()).containsExactly(
                new NewTransactionsEvent(21000, Instant.ofEpochMilli(1467331200000L), List.of(19316L), 1,
                        "hsSU83HnX"),
                new LoginStatusEvent(538, LoginStatus.WRONG_CREDENTIALS, "login_wrong_credentials"));
    }

    @Test
    void unknownShapeIsDeliveredAsUnknownEvent() {
        sandbox().postWebhook("{\"event\":\"login_deleted\",\"login_id\":538}");

        await().atMost(Duration.ofSeconds(10)).until(() -> events().getReceivedCounter() == 1);
        Exchange exchange = events().getReceivedExchanges().get(0);
        assertThat(exchange.getIn().getBody()).isInstanceOf(UnknownEvent.class);
        assertThat(exchange.getIn().getBody(UnknownEvent.class).payload().get("event").asText())
                .isEqualTo("login_deleted");
        assertThat(exchange.getIn().getHeader(FinsifyConstants.EVENT_TYPE)).isEqualTo("unknown");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "malformed JSON | application/json | {\"login_id\": 21000, | 400",
            "not an object | application/json | [1,2,3] | 400",
            "login id of the wrong type | application/json | {\"login_id\":\"x\",\"accounts\":[{\"id\":1}],\"new\":1,\"referenceId\":\"a\"} | 400",
            "accounts of the wrong type | application/json | {\"login_id\":1,\"accounts\":\"all\",\"new\":1,\"referenceId\":\"b\"} | 400",
            "huge login id | application/json | {\"login_id\":123456789012345678901234567890,\"status\":\"login_account_locked\"} | 400",
            "text content type | text/plain | {\"login_id\":1,\"status\":\"login_account_locked\"} | 415",
            "form content type | application/x-www-form-urlencoded | a=b | 415"})
    void badInputGetsItsStatusAndIsNotDelivered(String what, String contentType, String body, int status)
            throws Exception {
        HttpResponse<String> response = post("/finsify/webhook", contentType, body,
                Map.of("X-Finsify-Token", WEBHOOK_TOKEN));

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.body()).startsWith("{\"error\":");
        assertThat(events().getReceivedCounter()).isZero();
    }

    @Test
    void loginStatusWithAnExtraFieldIsDeliveredAsALoginStatusEvent() throws Exception {
        HttpResponse<String> response = postEvent("{\"status\":\"login_password_expired\",\"login_id\":538,"
                                                  + "\"updated_at\":\"2026-12-01T10:00:00Z\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(events().getReceivedExchanges().get(0).getIn().getBody()).isEqualTo(
                new LoginStatusEvent(538, LoginStatus.PASSWORD_EXPIRED, "login_password_expired"));
    }

    @Test
    void referenceIdWithoutAccountsIsDeliveredAsAnUnknownEvent() throws Exception {
        HttpResponse<String> response = postEvent("{\"referenceId\":\"r-9\",\"login_id\":538}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(events().getReceivedExchanges().get(0).getIn().getBody()).isInstanceOf(UnknownEvent.class);
    }

    @Test
    void trailingGarbageAfterTheObjectGets400() throws Exception {
        HttpResponse<String> response = postEvent(json("webhook-login-status") + "garbage");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(events().getReceivedCounter()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "control character in a bare token | tru\u0001e",
            "quote and backslash | {\"a\":\\\"}",
            "line separators | {\"a\":1}\r\u2028x"})
    void errorRepliesAreValidJson(String what, String body) throws Exception {
        HttpResponse<String> response = postEvent(body);

        assertThat(response.statusCode()).as(what).isEqualTo(400);
        JsonNode reply = new ObjectMapper().readTree(response.body());
        assertThat(reply.get("error").asText()).as(what).startsWith("not a Finsify event");
        assertThat(reply.size()).isOne();
    }

    @Test
    void deepNestingIsRefusedAs400() throws Exception {
        String deep = "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000);

        assertThat(postEvent(deep).statusCode()).isEqualTo(400);
        assertThat(events().getReceivedCounter()).isZero();
    }

    @Test
    void oversizedBodyGets413() throws Exception {
        String huge = "{\"login_id\":1,\"pad\":\"" + "x".repeat(1_100_000) + "\"}";

        HttpResponse<String> response = postEvent(huge);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(events().getReceivedCounter()).isZero();
    }

    @Test
    void missingOrWrongTokenGets401() throws Exception {
        String body = json("webhook-login-status");

        assertThat(post("/finsify/webhook", "application/json", body, Map.of()).statusCode()).isEqualTo(401);
        assertThat(post("/finsify/webhook", "application/json", body, Map.of("X-Finsify-Token", "guess"))
                .statusCode()).isEqualTo(401);
        assertThat(post("/finsify/webhook?token=guess", "application/json", body, Map.of()).statusCode())
                .isEqualTo(401);
        assertThat(events().getReceivedCounter()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "query parameter named like the header | ?X-Finsify-Token= | ",
            "query parameter named like the header, in lower case | ?x-finsify-token= | ",
            "query parameter token in upper case | ?TOKEN= | ",
            "header named token | | token"})
    void theTokenIsReadFromQueryParameterTokenAndHeaderXFinsifyTokenOnly(String where, String query, String header)
            throws Exception {
        String path = "/finsify/webhook" + (query == null ? "" : query + WEBHOOK_TOKEN);
        Map<String, String> headers = header == null ? Map.of() : Map.of(header, WEBHOOK_TOKEN);

        HttpResponse<String> response = post(path, "application/json", json("webhook-login-status"), headers);

        assertThat(response.statusCode()).as(where).isEqualTo(401);
        assertThat(events().getReceivedCounter()).isZero();
    }

    @Test
    void queryParameterNamedLikeTheHeaderIsRefusedEvenBesideTheRightHeader() throws Exception {
        HttpResponse<String> response = post("/finsify/webhook?X-Finsify-Token=guess", "application/json",
                json("webhook-login-status"), Map.of("X-Finsify-Token", WEBHOOK_TOKEN));

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void headerNameIsCaseInsensitiveAsHttpSays() throws Exception {
        HttpResponse<String> response = post("/finsify/webhook", "application/json", json("webhook-login-status"),
                Map.of("x-finsify-token", WEBHOOK_TOKEN));

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void percentEncodedTokenInTheQueryIsDecoded() throws Exception {
        String encoded = WEBHOOK_TOKEN.replace("-", "%2D");

        HttpResponse<String> response = post("/finsify/webhook?token=" + encoded, "application/json",
                json("webhook-login-status"), Map.of());

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void tokenGivenTwiceInTheQueryIsRefused() throws Exception {
        HttpResponse<String> response = post("/finsify/webhook?token=" + WEBHOOK_TOKEN + "&token=" + WEBHOOK_TOKEN,
                "application/json", json("webhook-login-status"), Map.of());

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void everyConfiguredTokenIsAcceptedSoTokensCanBeRotated() throws Exception {
        String body = json("webhook-login-status");

        assertThat(post("/finsify/webhook", "application/json", body, Map.of("X-Finsify-Token",
                "old-token-1234567890")).statusCode()).isEqualTo(200);
        assertThat(post("/finsify/webhook?token=" + WEBHOOK_TOKEN, "application/json", body, Map.of())
                .statusCode()).isEqualTo(200);
        assertThat(events().getReceivedCounter()).isEqualTo(2);
    }

    @Test
    void repeatedReferenceIdIsDeliveredOnce() throws Exception {
        String body = json("webhook-new-transactions");

        assertThat(postEvent(body).statusCode()).isEqualTo(200);
        HttpResponse<String> again = postEvent(body);

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("duplicate");
        assertThat(events().getReceivedCounter()).isEqualTo(1);
    }

    @Test
    void routeFailureAnswers5xxAndTheSendersRetryDeliversTheEvent() {
        failuresToInject.set(1);
        SandboxLogin login = sandbox().connectLogin("user_good");

        sandbox().addTransactions(login.accountIds().get(0), 1);

        await().atMost(Duration.ofSeconds(10)).until(() -> events().getReceivedCounter() == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> !sandbox().webhookDeliveries().isEmpty());
        WebhookDelivery delivery = sandbox().webhookDeliveries().get(0);
        assertThat(delivery.delivered()).isTrue();
        assertThat(delivery.attempts()).isEqualTo(2);
    }

    @Test
    void inboundCamelHeadersNeverReachTheRouteAndTheTokenIsNotEchoed() throws Exception {
        HttpResponse<String> response = post("/finsify/webhook", "application/json", json("webhook-login-status"),
                Map.of("X-Finsify-Token", WEBHOOK_TOKEN, "CamelFinsifyLoginId", "999",
                        "CamelFinsifyChangeType", "REMOVED", "CamelHttpUri", "/evil"));

        assertThat(response.statusCode()).isEqualTo(200);
        Exchange exchange = events().getReceivedExchanges().get(0);
        assertThat(exchange.getIn().getHeader(FinsifyConstants.LOGIN_ID)).isEqualTo(538L);
        assertThat(exchange.getIn().getHeaders()).doesNotContainKeys("CamelFinsifyChangeType", "CamelHttpUri",
                "X-Finsify-Token");
        assertThat(response.headers().map().keySet()).noneMatch(h -> h.equalsIgnoreCase("X-Finsify-Token"));
        assertThat(response.body()).doesNotContain(WEBHOOK_TOKEN);
    }
}
