package io.github.camelfinsify.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConnectPageTest {

    static final String CALLBACK = "http://localhost:2000/finsify/connect";

    @RegisterExtension
    static FinsifySandboxExtension extension = new FinsifySandboxExtension();

    FinsifySandbox sandbox;

    @BeforeEach
    void setUp() {
        sandbox = extension.sandbox();
        sandbox.reset();
    }

    /** Submits the connect form and returns the redirect's Location (redirects are not followed). */
    static String submit(String connectUrl, String username, String password) {
        String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        try {
            HttpResponse<String> response = Http.CLIENT.send(HttpRequest.newBuilder(URI.create(connectUrl))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
            return response.headers().firstValue("Location").orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The JSON that the redirect carries after {@code callbackUrl + "/"}. */
    static JsonNode callbackJson(String location, String callbackUrl) {
        assertThat(location).startsWith(callbackUrl + "/");
        String encoded = location.substring(callbackUrl.length() + 1);
        try {
            return Http.MAPPER.readTree(URLDecoder.decode(encoded, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String connectUrl(int serviceId) {
        String identifier = "connect-" + System.nanoTime();
        String customerId = Http.api(sandbox).post("/v2/customer", "{\"identifier\":\"" + identifier + "\"}").json()
                .path("data").path("customer_id").asText();
        return Http.api(sandbox).post("/v2/token", "{\"customer_id\":\"" + customerId + "\",\"service_id\":"
                + serviceId + ",\"callback_url\":\"" + CALLBACK + "\"}").json().path("data").path("connect_url").asText();
    }

    @Test
    void connectUrlServesALoginFormNamingTheService() {
        Http.Answer page = Http.bare(sandbox).get(connectUrl(67));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("content-type")).startsWith("text/html");
        assertThat(page.body()).contains("AmBank").contains("id=\"username\"").contains("id=\"password\"")
                .contains("id=\"submit\"").contains("method=\"post\"");
    }

    @Test
    void userGoodRedirectsToTheCallbackWithSuccessLoginIdAndSecret() {
        String location = submit(connectUrl(8), "user_good", "pass_good");
        JsonNode json = callbackJson(location, CALLBACK);
        assertThat(json.path("status").asText()).isEqualTo("success");
        assertThat(json.path("login_id").asLong()).isPositive();
        assertThat(json.path("secret").asText()).isNotBlank();
        Http.Answer accounts = Http.api(sandbox).login(json.path("secret").asText()).get("/v2/account");
        assertThat(accounts.json().path("data").size()).isEqualTo(3);
    }

    @Test
    void callbackCarriesTheUrlEncodedJsonExactly() {
        String location = submit(connectUrl(8), "user_good", "pass_good");
        JsonNode json = callbackJson(location, CALLBACK);
        String expected = "{\"status\":\"success\",\"login_id\":" + json.path("login_id").asLong() + ",\"secret\":\""
                + json.path("secret").asText() + "\"}";
        assertThat(location).isEqualTo(CALLBACK + "/" + URLEncoder.encode(expected, StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "wrong_credentials, login_wrong_credentials",
        "password_expired, login_password_expired",
        "account_locked, login_account_locked"
    })
    void failingUsernameRedirectsWithItsStatusAndNoSecret(String username, String status) {
        JsonNode json = callbackJson(submit(connectUrl(8), username, "pass_good"), CALLBACK);
        assertThat(json.path("status").asText()).isEqualTo(status);
        assertThat(json.has("secret")).isFalse();
        assertThat(json.has("login_id")).isFalse();
    }

    @Test
    void wrongPasswordRedirectsWithLoginWrongCredentials() {
        JsonNode json = callbackJson(submit(connectUrl(8), "user_good", "not-the-password"), CALLBACK);
        assertThat(json.path("status").asText()).isEqualTo("login_wrong_credentials");
    }

    @Test
    void unknownUsernameRedirectsWithLoginWrongCredentials() {
        JsonNode json = callbackJson(submit(connectUrl(8), "somebody", "pass_good"), CALLBACK);
        assertThat(json.path("status").asText()).isEqualTo("login_wrong_credentials");
    }

    @Test
    void unknownTokenIsBadRequest() {
        Http.Answer answer = Http.bare(sandbox).with("accept", "application/json")
                .get("/v2/connect/term/00000000-0000-0000-0000-000000000000");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("error").asText()).isEqualTo("BadRequest");
    }

    @Test
    void connectLoginThrowsNamingTheStatusOfAFailingUsername() {
        Assertions.assertThatThrownBy(() -> sandbox.connectLogin("account_locked"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("login_account_locked");
    }
}
