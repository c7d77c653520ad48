package io.github.camelfinsify.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.github.camelfinsify.test.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The client tells its {@link FinsifyCallListener} about each HTTP attempt (operation, status, error code, duration)
 * and each retry.
 */
class CallListenerTest {

    private static final String LOGIN_SECRET = "78cea84c-7eb8-4425-2312-3a1ac8383afe";

    @RegisterExtension
    static WireMockExtension api = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final List<String> heard = new CopyOnWriteArrayList<>();
    private FinsifyClient client;

    @BeforeEach
    void createClient() {
        client = new FinsifyClient(FinsifyClientConfig.builder()
                .baseUrl(api.baseUrl() + "/v2")
                .clientId("sample-clientId")
                .serviceSecret("75167f66-22dc-415d-b799-c0dd73b951ca")
                .maxRetries(2)
                .retryDelay(Duration.ofMillis(5))
                .callListener(new FinsifyCallListener() {
                    @Override
                    public void onCall(String operation, int status, FinsifyErrorCode error, long durationNanos) {
                        assertThat(durationNanos).isPositive();
                        heard.add(operation + " " + status + " " + error);
                    }

                    @Override
                    public void onRetry(String operation) {
                        heard.add("retry " + operation);
                    }
                })
                .build());
    }

    @AfterEach
    void closeClient() throws Exception {
        client.close();
    }

    @Test
    void aSuccessfulCallIsHeardWithItsStatusAndNoError() {
        api.stubFor(get(urlPathEqualTo("/v2/account")).willReturn(okJson(json("accounts"))));

        client.accounts(LOGIN_SECRET);

        assertThat(heard).containsExactly("GET /account 200 null");
    }

    @Test
    void aFailedCallIsHeardWithItsStatusAndErrorCode() {
        api.stubFor(get(urlPathEqualTo("/v2/account"))
                .willReturn(aResponse().withStatus(404).withHeader("content-type", "application/json")
                        .withBody(json("login-not-found"))));

        catchThrowable(() -> client.accounts(LOGIN_SECRET));

        assertThat(heard).containsExactly("GET /account 404 LOGIN_NOT_FOUND");
    }

    @Test
    void aRetriedCallIsHeardOncePerAttemptWithTheRetryBetween() {
        api.stubFor(get(urlPathEqualTo("/v2/account")).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("content-type", "application/json")
                        .withBody("{\"error\":\"ServerMaintenance\",\"message\":\"later\"}"))
                .willSetStateTo("up"));
        api.stubFor(get(urlPathEqualTo("/v2/account")).inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(okJson(json("accounts"))));

        client.accounts(LOGIN_SECRET);

        assertThat(heard).containsExactly("GET /account 503 SERVER_MAINTENANCE", "retry GET /account",
                "GET /account 200 null");
    }

    @Test
    void aCallWithNoResponseIsHeardWithStatusZeroAndNetwork() throws Exception {
        api.stubFor(get(urlPathEqualTo("/v2/account")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        catchThrowable(() -> client.accounts(LOGIN_SECRET));

        assertThat(heard).containsExactly("GET /account 0 NETWORK", "retry GET /account", "GET /account 0 NETWORK",
                "retry GET /account", "GET /account 0 NETWORK");
    }
}
