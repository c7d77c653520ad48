package io.github.camelfinsify.client;

import java.time.Duration;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.github.camelfinsify.test.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Every failure becomes a {@link FinsifyApiException} with the contract's code, and only idempotent calls are retried.
 */
class FinsifyErrorMappingTest {

    private static final String LOGIN_SECRET = "78cea84c-7eb8-4425-2312-3a1ac8383afe";
    private static final String ECHOED_SECRET = "d16bdfd0-5bd2-46d3-96c2-12313sdsda";

    @RegisterExtension
    static WireMockExtension api = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private FinsifyClient client;

    @BeforeEach
    void createClient() {
        client = client(2, Duration.ofSeconds(5));
    }

    @AfterEach
    void closeClient() throws Exception {
        client.close();
    }

    private static FinsifyClient client(int maxRetries, Duration responseTimeout) {
        return new FinsifyClient(FinsifyClientConfig.builder()
                .baseUrl(api.baseUrl() + "/v2")
                .clientId("sample-clientId")
                .serviceSecret("75167f66-22dc-415d-b799-c0dd73b951ca")
                .maxRetries(maxRetries)
                .retryDelay(Duration.ofMillis(5))
                .responseTimeout(responseTimeout)
                .build());
    }

    static Stream<Arguments> documentedErrors() {
        return Stream.of(
                Arguments.of(400, "BadRequest", FinsifyErrorCode.BAD_REQUEST, false),
                Arguments.of(404, "AccountNotFound", FinsifyErrorCode.ACCOUNT_NOT_FOUND, false),
                Arguments.of(404, "ClientNotFound", FinsifyErrorCode.CLIENT_NOT_FOUND, false),
                Arguments.of(503, "ConnectError", FinsifyErrorCode.CONNECT_ERROR, true),
                Arguments.of(400, "ContentInputInvalid", FinsifyErrorCode.CONTENT_INPUT_INVALID, false),
                Arguments.of(400, "CredentialInvalid", FinsifyErrorCode.CREDENTIAL_INVALID, false),
                Arguments.of(500, "CustomerCreateError", FinsifyErrorCode.CUSTOMER_CREATE_ERROR, true),
                Arguments.of(400, "CustomerExists", FinsifyErrorCode.CUSTOMER_EXISTS, false),
                Arguments.of(404, "CustomerNotFound", FinsifyErrorCode.CUSTOMER_NOT_FOUND, false),
                Arguments.of(400, "DataInvalid", FinsifyErrorCode.DATA_INVALID, false),
                Arguments.of(500, "InternalError", FinsifyErrorCode.INTERNAL_ERROR, true),
                Arguments.of(404, "LoginNotFound", FinsifyErrorCode.LOGIN_NOT_FOUND, false),
                Arguments.of(503, "ServerMaintenance", FinsifyErrorCode.SERVER_MAINTENANCE, true),
                Arguments.of(404, "ServiceNotFound", FinsifyErrorCode.SERVICE_NOT_FOUND, false),
                Arguments.of(500, "TokenCreateError", FinsifyErrorCode.TOKEN_CREATE_ERROR, true),
                Arguments.of(400, "TokenExpire", FinsifyErrorCode.TOKEN_EXPIRE, false));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("documentedErrors")
    void everyDocumentedErrorMapsToItsCode(int status, String name, FinsifyErrorCode code, boolean retryable) {
        api.stubFor(post("/v2/customer").willReturn(aResponse().withStatus(status)
                .withHeader("content-type", "application/json")
                .withBody("{\"error\":\"" + name + "\",\"message\":\"documented\",\"extra\":{\"identifier\":\"u-1\"}}")));

        FinsifyApiException e = catchThrowableOfType(FinsifyApiException.class, () -> client.createCustomer("u-1"));

        assertThat(e.statusCode()).isEqualTo(status);
        assertThat(e.errorCode()).isEqualTo(code);
        assertThat(e.errorName()).isEqualTo(name);
        assertThat(e.extra()).containsEntry("identifier", "u-1");
        assertThat(e.isRetryable()).isEqualTo(retryable);
        assertThat(e.getMessage()).contains("POST /customer", String.valueOf(status), name, "documented");
    }

    @Test
    void customerExistsSampleKeepsItsExtra() {
        api.stubFor(post("/v2/customer").willReturn(aResponse().withStatus(400)
                .withHeader("content-type", "application/json").withBody(json("customer-exists"))));

        FinsifyApiException e = catchThrowableOfType(FinsifyApiException.class,
                () -> client.createCustomer("sample-identifier-user"));

        assertThat(e.errorCode()).isEqualTo(FinsifyErrorCode.CUSTOMER_EXISTS);
        assertThat(e.extra()).containsEntry("identifier", "sample-identifier-user");
        assertThat(e.getMessage()).contains("Customer \"sample-identifier-user\" is exists");
    }

    @Test
    void loginNotFoundNeverCarriesTheEchoedSecret() {
        api.stubFor(get("/v2/account").willReturn(aResponse().withStatus(404)
                .withHeader("content-type", "application/json").withBody(json("login-not-found"))));

        FinsifyApiException e = catchThrowableOfType(FinsifyApiException.class, () -> client.accounts(ECHOED_SECRET));

        assertThat(e.errorCode()).isEqualTo(FinsifyErrorCode.LOGIN_NOT_FOUND);
        assertThat(e.getMessage()).doesNotContain(ECHOED_SECRET).contains("Cannot find Login with login secret");
        assertThat(e.toString()).doesNotContain(ECHOED_SECRET);
        assertThat(e.extra().get("loginSecret")).asString().doesNotContain(ECHOED_SECRET).startsWith("****");
    }

    @Test
    void loginNotFoundEchoingAnotherSecretIsMaskedToo() {
        api.stubFor(get("/v2/account").willReturn(aResponse().withStatus(404)
                .withHeader("content-type", "application/json").withBody(json("login-not-found"))));

        FinsifyApiException e = catchThrowableOfType(FinsifyApiException.class, () -> client.accounts(LOGIN_SECRET));

        assertThat(e.getMessage()).doesNotContain(ECHOED_SECRET);
        assertThat(e.extra().toString()).doesNotContain(ECHOED_SECRET);
    }

    @Test
    void rateLimitedIsRetryableAndCarriesRetryAfter() {
        FinsifyClient noRetries = client(0, Duration.ofSeconds(5));
        api.stubFor(get("/v2/account").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")));

        FinsifyApiException e = catchThrowableOfType(FinsifyApiException.class, () -> noRetries.accounts(LOGIN_SECRET));

        assertThat(e.errorCode()).isEqualTo(FinsifyErrorCode.RATE_LIMITED);
        assertThat(e.statusCode()).isEqualTo(429);
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
    }

    @Test
    void rateLimitedWithAnErrorBodyIsStillRateLimited() {
        FinsifyClient noRetries = client(0, Duration.ofSeconds(5));
        api.stubFor(get("/v2/account").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                .withHeader("content-type", "application/json")
                .withBody("{\"error\":\"TooManyRequests\",\"message\":\"slow down\"}")));

        FinsifyApiException e = catchThrowableOfType(FinsifyApiException.class, () -> noRetries.accounts(LOGIN_SECRET));

        assertThat(e.errorCode()).isEqualTo(FinsifyErrorCode.RATE_LIMITED);
        assertThat(e.errorName()).isEqualTo("TooManyRequests");
        assertThat(e.isRetryable()).isTrue();
    }

    @Test
    void retryAfterIsHonouredBeforeTheRetry() {
        api.stubFor(get("/v2/account").inScenario("rate").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
                .willSetStateTo("allowed"));
        api.stubFor(get("/v2/account").inScenario("rate").whenScenarioStateIs("allowed")
                .willReturn(okJson(json("accounts"))));

        long start = System.nanoTime();
        assertThat(client.accounts(LOGIN_SECRET).data()).hasSize(1);

        // retryDelay is 5 ms: only Retry-After explains waiting a second
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        api.verify(2, getRequestedFor(urlPathEqualTo("/v2/account")));
    }

    @Test
    void htmlBadGatewayIsAnUnknownRetryableError() {
        FinsifyClient noRetries = client(0, Duration.ofSeconds(5));
        api.stubFor(get("/v2/account").willReturn(aResponse().withStatus(502).withHeader("content-type", "text/html")
                .withBody("<html><body><h1>502 Bad Gateway</h1></body></html>")));

        FinsifyApiException e = catchThrowableOfType(FinsifyApiException.class, () -> noRetries.accounts(LOGIN_SECRET));

        assertThat(e.statusCode()).isEqualTo(502);
        assertThat(e.errorCode()).isEqualTo(FinsifyErrorCode.UNKNOWN);
        assertThat(e.errorName()).isNull();
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getMessage()).contains("HTTP 502", "not a Finsify error");
    }

    @Test
    void truncatedBodyIsARetryableNetworkFailure() {
        FinsifyClient noRetries = client(0, Duration.ofSeconds(5));
        api.stubFor(get("/v2/account").willReturn(okJson("{\"data\":[{\"id\":14324,\"name\":\"Fin")));

        FinsifyApiException e = catchThrowableOfType(FinsifyApiException.class, () -> noRetries.accounts(LOGIN_SECRET));

        assertThat(e.errorCode()).isEqualTo(FinsifyErrorCode.NETWORK);
        assertThat(e.statusCode()).isEqualTo(-1);
        assertThat(e.isRetryable()).isTrue();
    }

    @Test
    void malformedChunkIsARetryableNetworkFailure() {
        FinsifyClient noRetries = client(0, Duration.ofSeconds(5));
        api.stubFor(get("/v2/account").willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));

        FinsifyApiException e = catchThrowableOfType(FinsifyApiException.class, () -> noRetries.accounts(LOGIN_SECRET));

        assertThat(e.errorCode()).isEqualTo(FinsifyErrorCode.NETWORK);
    }

    @Test
    void bodyThatIsNotJsonIsAnUnknownError() {
        FinsifyClient noRetries = client(0, Duration.ofSeconds(5));
        api.stubFor(get("/v2/account").willReturn(okJson("{\"data\": [ this is not json ]}")));

        FinsifyApiException e = catchThrowableOfType(FinsifyApiException.class, () -> noRetries.accounts(LOGIN_SECRET));

        assertThat(e.errorCode()).isEqualTo(FinsifyErrorCode.UNKNOWN);
        assertThat(e.statusCode()).isEqualTo(200);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("not the expected JSON");
    }

    @Test
    void connectionResetIsANetworkFailureWithoutStatus() {
        FinsifyClient noRetries = client(0, Duration.ofSeconds(5));
        api.stubFor(get("/v2/account").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        FinsifyApiException e = catchThrowableOfType(FinsifyApiException.class, () -> noRetries.accounts(LOGIN_SECRET));

        assertThat(e.errorCode()).isEqualTo(FinsifyErrorCode.NETWORK);
        assertThat(e.statusCode()).isEqualTo(-1);
        assertThat(e.isRetryable()).isTrue();
    }

    @Test
    void slowResponseTimesOutAsANetworkFailure() {
        FinsifyClient impatient = client(0, Duration.ofMillis(200));
        api.stubFor(get("/v2/account").willReturn(okJson(json("accounts")).withFixedDelay(2_000)));

        FinsifyApiException e = catchThrowableOfType(FinsifyApiException.class, () -> impatient.accounts(LOGIN_SECRET));

        assertThat(e.errorCode()).isEqualTo(FinsifyErrorCode.NETWORK);
        assertThat(e.getMessage()).contains("timed out");
    }

    @Test
    void getThatKeepsFailingIsSentOncePlusMaxRetries() {
        api.stubFor(get("/v2/account").willReturn(aResponse().withStatus(503)
                .withHeader("content-type", "application/json")
                .withBody("{\"error\":\"ServerMaintenance\",\"message\":\"later\"}")));

        FinsifyApiException e = catchThrowableOfType(FinsifyApiException.class, () -> client.accounts(LOGIN_SECRET));

        assertThat(e.errorCode()).isEqualTo(FinsifyErrorCode.SERVER_MAINTENANCE);
        api.verify(1 + 2, getRequestedFor(urlPathEqualTo("/v2/account")));
    }

    @Test
    void getRecoversWhenARetrySucceeds() {
        api.stubFor(get("/v2/account").inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("up"));
        api.stubFor(get("/v2/account").inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(okJson(json("accounts"))));

        assertThat(client.accounts(LOGIN_SECRET).data()).hasSize(1);
        api.verify(2, getRequestedFor(urlPathEqualTo("/v2/account")));
    }

    @Test
    void postIsSentOnceWhateverTheFailure() {
        api.stubFor(post("/v2/customer").willReturn(aResponse().withStatus(503)));

        catchThrowableOfType(FinsifyApiException.class, () -> client.createCustomer("u-1"));

        api.verify(1, postRequestedFor(urlPathEqualTo("/v2/customer")));
    }

    @Test
    void refreshIsSentOnceWhateverTheFailure() {
        api.stubFor(put("/v2/login/refresh").willReturn(aResponse().withStatus(503)));

        catchThrowableOfType(FinsifyApiException.class, () -> client.refreshLogin(LOGIN_SECRET));

        api.verify(1, putRequestedFor(urlPathEqualTo("/v2/login/refresh")));
    }

    @Test
    void activateIsRetriedBecauseItIsIdempotent() {
        api.stubFor(put("/v2/login/activate").willReturn(aResponse().withStatus(500)));

        catchThrowableOfType(FinsifyApiException.class, () -> client.activateLogin(LOGIN_SECRET));

        api.verify(1 + 2, putRequestedFor(urlPathEqualTo("/v2/login/activate")));
    }

    @Test
    void clientErrorsAreNotRetried() {
        api.stubFor(get("/v2/account").willReturn(aResponse().withStatus(404)
                .withHeader("content-type", "application/json").withBody(json("login-not-found"))));

        catchThrowableOfType(FinsifyApiException.class, () -> client.accounts(LOGIN_SECRET));

        api.verify(1, getRequestedFor(urlPathEqualTo("/v2/account")));
    }

    @Test
    void streamingOpensWithRetriesAndFailsOnATruncatedBodyAsNetwork() {
        api.stubFor(get(urlPathEqualTo("/v2/transaction")).willReturn(okJson(
                "{\"data\":[{\"id\":1,\"date\":\"2017-03-27\",\"amount\":\"-1.00\"},{\"id\":2,\"da")));

        try (TransactionStream stream = client.streamTransactions(LOGIN_SECRET, 14324, null, null)) {
            assertThat(stream.next().id()).isEqualTo(1L);
            FinsifyApiException e = catchThrowableOfType(FinsifyApiException.class, stream::hasNext);
            assertThat(e.errorCode()).isEqualTo(FinsifyErrorCode.NETWORK);
        }
    }
}
