package io.github.camelfinsify.examples.kamelets;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelfinsify.examples.kamelets.KameletRunner.Received;
import io.github.camelfinsify.sandbox.FinsifySandbox;
import io.github.camelfinsify.sandbox.FinsifySandboxExtension;
import io.github.camelfinsify.sandbox.SandboxLogin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class FinsifyWebhookSourceKameletTest {

    @RegisterExtension
    static FinsifySandboxExtension extension = new FinsifySandboxExtension(builder -> { });

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String ROUTE = """
            - route:
                from:
                  uri: "kamelet:finsify-webhook-source"
                  parameters:
                    webhookToken: "{{finsify.webhook-token}}"
                  steps:
                    - to: "seda:events"
            """;

    @Test
    void aYamlRouteReceivesTheSandboxesWebhookEventsAsJson(FinsifySandbox sandbox, @TempDir Path dir) throws Exception {
        SandboxLogin login = sandbox.connectLogin("user_good");
        int port = KameletRunner.freePort();

        try (KameletRunner runner = new KameletRunner(dir, ROUTE, Map.of("finsify.webhook-token", "hook-token-1"))
                .withHttpServer(port).start()) {
            List<Received> received = runner.received("seda:events");
            sandbox.webhookUrl("http://localhost:" + port + "/finsify/webhook?token=hook-token-1");

            long accountId = login.accountIds().get(1);
            sandbox.addTransactions(accountId, 3);
            await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 1);
            Received event = received.get(0);
            assertThat(event.headers()).containsEntry("CamelFinsifyEventType", "newTransactions")
                    .containsEntry("CamelFinsifyLoginId", login.loginId())
                    .containsEntry("Content-Type", "application/json");
            JsonNode body = JSON.readTree(event.body());
            assertThat(body.get("loginId").asLong()).isEqualTo(login.loginId());
            assertThat(body.get("newCount").asInt()).isEqualTo(3);
            assertThat(body.get("accountIds").get(0).asLong()).isEqualTo(accountId);

            sandbox.setLoginStatus(login.loginId(), "login_password_expired");
            await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 2);
            Received status = received.get(1);
            assertThat(status.headers()).containsEntry("CamelFinsifyEventType", "loginStatus")
                    .containsEntry("CamelFinsifyLoginStatus", "PASSWORD_EXPIRED");
            assertThat(JSON.readTree(status.body()).get("status").asText()).isEqualTo("PASSWORD_EXPIRED");

            // the sandbox got its 200s: nothing is retried, nothing failed
            await().atMost(Duration.ofSeconds(10)).until(() -> sandbox.webhookDeliveries().size() == 2);
            assertThat(sandbox.webhookDeliveries()).allSatisfy(d -> assertThat(d.status()).isEqualTo(200));
        }
    }

    @Test
    void aRequestWithoutTheTokenIsRefused(@TempDir Path dir) throws Exception {
        int port = KameletRunner.freePort();

        try (KameletRunner runner = new KameletRunner(dir, ROUTE, Map.of("finsify.webhook-token", "hook-token-1"))
                .withHttpServer(port).start()) {
            List<Received> received = runner.received("seda:events");
            HttpResponse<String> answer = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/finsify/webhook"))
                            .header("content-type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"data\":{}}")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).isEqualTo(401);
            assertThat(received).isEmpty();
        }
    }
}
