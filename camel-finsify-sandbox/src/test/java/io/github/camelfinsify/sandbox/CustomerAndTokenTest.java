package io.github.camelfinsify.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CustomerAndTokenTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2024-05-20T10:00:00Z"));
    private FinsifySandbox sandbox;

    @BeforeEach
    void start() {
        sandbox = FinsifySandbox.builder().clock(clock).tokenTtl(Duration.ofMinutes(10)).build().start();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private String customer(String identifier) {
        return Http.api(sandbox).post("/v2/customer", "{\"identifier\":\"" + identifier + "\"}").json()
                .path("data").path("customer_id").asText();
    }

    private JsonNode token(String customerId) {
        return Http.api(sandbox).post("/v2/token", "{\"customer_id\":\"" + customerId
                + "\",\"service_id\":67,\"callback_url\":\"http://localhost:2000/v2\"}").json();
    }

    @Test
    void createCustomerAnswersCustomerIdAndIdentifier() {
        Http.Answer answer = Http.api(sandbox).post("/v2/customer", "{\"identifier\":\"sample-identifier-user\"}");
        assertThat(answer.status()).isEqualTo(200);
        JsonNode json = answer.json();
        assertThat(json.path("version").asText()).isEqualTo("v2");
        assertThat(json.path("data").path("identifier").asText()).isEqualTo("sample-identifier-user");
        assertThat(json.path("data").path("customer_id").asText()).matches("[0-9a-f-]{36}");
    }

    @Test
    void secondCustomerWithTheSameIdentifierIsCustomerExists() {
        customer("sample-identifier-user");
        Http.Answer answer = Http.api(sandbox).post("/v2/customer", "{\"identifier\":\"sample-identifier-user\"}");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("error").asText()).isEqualTo("CustomerExists");
        assertThat(answer.json().path("message").asText()).isEqualTo("Customer \"sample-identifier-user\" is exists");
        assertThat(answer.json().path("extra").path("identifier").asText()).isEqualTo("sample-identifier-user");
    }

    @Test
    void createTokenAnswersIdAndConnectUrl() {
        JsonNode json = token(customer("token-user"));
        String id = json.path("data").path("id").asText();
        assertThat(json.path("version").asText()).isEqualTo("v2");
        assertThat(json.path("data").path("connect_url").asText())
                .isEqualTo(sandbox.baseUrl() + "/connect/term/" + id);
    }

    @Test
    void connectPageOfATokenOlderThanTokenTtlIsTokenExpire() {
        String connectUrl = token(customer("expiring")).path("data").path("connect_url").asText();
        clock.advance(Duration.ofMinutes(10));
        Http.Answer answer = Http.bare(sandbox).with("accept", "application/json").get(connectUrl);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("error").asText()).isEqualTo("TokenExpire");
    }

    @Test
    void connectPageOfATokenOlderThanTokenTtlShowsTokenExpireToBrowsers() {
        String connectUrl = token(customer("expiring-html")).path("data").path("connect_url").asText();
        clock.advance(Duration.ofMinutes(11));
        Http.Answer answer = Http.bare(sandbox).with("accept", "text/html").get(connectUrl);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("content-type")).startsWith("text/html");
        assertThat(answer.body()).contains("TokenExpire");
    }

    @Test
    void tokenWithinTokenTtlStillServesTheConnectPage() {
        String connectUrl = token(customer("fresh")).path("data").path("connect_url").asText();
        clock.advance(Duration.ofMinutes(9));
        assertThat(Http.bare(sandbox).get(connectUrl).status()).isEqualTo(200);
    }

    @Test
    void tokenIsUsedOnlyOnce() {
        String connectUrl = token(customer("once")).path("data").path("connect_url").asText();
        ConnectPageTest.submit(connectUrl, "user_good", "pass_good");
        Http.Answer again = Http.bare(sandbox).with("accept", "application/json").get(connectUrl);
        assertThat(again.json().path("error").asText()).isEqualTo("TokenExpire");
    }

    @Test
    void reconnectTokenKeepsTheLoginIdAndSecretAndClearsItsStatus() {
        SandboxLogin login = sandbox.connectLogin("user_good");
        sandbox.setLoginStatus(login.loginId(), "login_password_expired");
        JsonNode json = Http.api(sandbox).login(login.secret())
                .post("/v2/token/reconnect", "{\"callback_url\":\"http://localhost:2000/v2\"}").json();
        String connectUrl = json.path("data").path("connect_url").asText();
        assertThat(connectUrl).isEqualTo(sandbox.baseUrl() + "/connect/term/" + json.path("data").path("id").asText());

        JsonNode callback = ConnectPageTest.callbackJson(ConnectPageTest.submit(connectUrl, "user_good", "pass_good"),
                "http://localhost:2000/v2");

        assertThat(callback.path("status").asText()).isEqualTo("success");
        assertThat(callback.path("login_id").asLong()).isEqualTo(login.loginId());
        assertThat(callback.path("secret").asText()).isEqualTo(login.secret());
        JsonNode refresh = Http.api(sandbox).login(login.secret()).put("/v2/login/refresh", null).json();
        assertThat(refresh.path("data").path("refreshed").asBoolean()).isTrue();
    }

    @Test
    void reconnectWithUnknownLoginSecretIsLoginNotFound() {
        Http.Answer answer = Http.api(sandbox).login("unknown-secret")
                .post("/v2/token/reconnect", "{\"callback_url\":\"http://localhost:2000/v2\"}");
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().path("error").asText()).isEqualTo("LoginNotFound");
    }
}
