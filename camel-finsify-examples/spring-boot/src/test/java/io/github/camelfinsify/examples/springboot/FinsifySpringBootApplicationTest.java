package io.github.camelfinsify.examples.springboot;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelfinsify.model.Account;
import io.github.camelfinsify.model.NewTransactionsEvent;
import io.github.camelfinsify.sandbox.FinsifySandbox;
import io.github.camelfinsify.sandbox.SandboxLogin;
import org.apache.camel.ConsumerTemplate;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application, configured only by its application.properties through camel-finsify-starter, boots against the
 * sandbox: the test sets nothing but the environment variables those properties read (the sandbox's URLs, a login,
 * the webhook token). Producers call the sandbox, its webhooks reach the route on the servlet engine, and
 * {@code /actuator/health} carries finsify's check.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FinsifySpringBootApplicationTest {

    private static final String WEBHOOK_TOKEN = "spring-boot-webhook-token-42";
    private static final FinsifySandbox SANDBOX = FinsifySandbox.builder().port(0).build().start();
    private static final SandboxLogin LOGIN = SANDBOX.connectLogin("user_good");
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    ProducerTemplate producer;

    @Autowired
    ConsumerTemplate consumer;

    @DynamicPropertySource
    static void environment(DynamicPropertyRegistry properties) {
        properties.add("FINSIFY_BASE_URL", SANDBOX::baseUrl);
        properties.add("FINSIFY_SERVICES_URL", SANDBOX::servicesUrl);
        properties.add("FINSIFY_LOGIN_SECRET", LOGIN::secret);
        properties.add("FINSIFY_WEBHOOK_TOKEN", () -> WEBHOOK_TOKEN);
        // each health test must see the API as it is now, not the answer of the test before
        properties.add("FINSIFY_HEALTH_CHECK_INTERVAL", () -> "0s");
    }

    @AfterEach
    void clearFaults() {
        SANDBOX.clearFaults();
    }

    @AfterAll
    static void stopSandbox() {
        SANDBOX.close();
    }

    @Test
    void producerConfiguredFromPropertiesReadsTheLoginsAccounts() {
        List<?> accounts = producer.requestBody("finsify:accounts", null, List.class);

        assertThat(accounts).extracting(a -> ((Account) a).id()).containsExactlyElementsOf(LOGIN.accountIds());
    }

    @Test
    void sandboxWebhookReachesTheRouteOnTheServletEngine() {
        SANDBOX.webhookUrl("http://localhost:" + port + "/finsify/webhook?token=" + WEBHOOK_TOKEN);

        SANDBOX.addTransactions(LOGIN.accountIds().get(0), 2);

        Object event = consumer.receiveBody("seda:events", 15_000);
        assertThat(event).isInstanceOfSatisfying(NewTransactionsEvent.class, e -> {
            assertThat(e.loginId()).isEqualTo(LOGIN.loginId());
            assertThat(e.newCount()).isEqualTo(2);
        });
    }

    @Test
    void actuatorHealthCarriesTheFinsifyChecksAndNoSecret() throws Exception {
        // a second producer, whose URI carries the login secret
        producer.requestBody("finsify:accounts?loginSecret=RAW(" + LOGIN.secret() + ")", null, List.class);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            HttpResponse<String> health = get("/actuator/health");
            assertThat(finsifyChecks(health)).as("finsify checks of %s", health.body()).hasSize(2)
                    .allSatisfy((id, state) -> assertThat(state).isEqualTo("UP"));
            assertThat(health.statusCode()).isEqualTo(200);
            assertNoSecretIn(health.body());
        });
    }

    @Test
    void actuatorHealthIsDownWithTheReasonWhenTheApiFails() throws Exception {
        SANDBOX.injectFault("503", 100);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            HttpResponse<String> health = get("/actuator/health");
            assertThat(finsifyChecks(health)).as("finsify checks of %s", health.body()).containsValue("DOWN");
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.body()).contains("\"http.response.code\":\"503\"");
            assertNoSecretIn(health.body());
        });
    }

    /** The finsify entries of camel-spring-boot's health indicator: check id to state. */
    private static Map<String, String> finsifyChecks(HttpResponse<String> health) throws IOException {
        JsonNode details = JSON.readTree(health.body()).path("components").path("camelHealth").path("details");
        Map<String, String> checks = new TreeMap<>();
        details.fields().forEachRemaining(e -> {
            if (e.getKey().startsWith("producer:finsify") && e.getValue().isTextual()) {
                checks.put(e.getKey(), e.getValue().asText());
            }
        });
        return checks;
    }

    private static void assertNoSecretIn(String body) {
        assertThat(body).doesNotContain(SANDBOX.serviceSecret(), LOGIN.secret(), WEBHOOK_TOKEN);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
