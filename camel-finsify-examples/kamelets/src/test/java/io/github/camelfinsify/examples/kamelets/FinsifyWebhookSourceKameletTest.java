package io.github.camelfinsify.examples.kamelets;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelfinsify.sandbox.FinsifySandbox;
import io.github.camelfinsify.sandbox.FinsifySandboxExtension;
import io.github.camelfinsify.sandbox.SandboxLogin;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class FinsifyWebhookSourceKameletTest {

    @RegisterExtension
    static FinsifySandboxExtension extension = new FinsifySandboxExtension(builder -> { });

    private static final ObjectMapper JSON = new ObjectMapper();

    record Received(JsonNode body, Map<String, Object> headers) {
    }

    @Test
    void deliversTheSandboxesWebhookEventsAsJson(FinsifySandbox sandbox) throws Exception {
        SandboxLogin login = sandbox.connectLogin("user_good");
        List<Received> received = new CopyOnWriteArrayList<>();
        int port = KameletRunner.freePort();

        RouteBuilder routes = new RouteBuilder() {
            @Override
            public void configure() {
                from("kamelet:finsify-webhook-source?webhookToken=RAW(hook-token-1)")
                        .process(e -> received.add(new Received(JSON.readTree(e.getMessage().getBody(String.class)),
                                new java.util.HashMap<>(e.getMessage().getHeaders()))));
            }
        };
        try (KameletRunner runner = new KameletRunner(routes).withHttpServer(port).start()) {
            sandbox.webhookUrl("http://localhost:" + port + "/finsify/webhook?token=hook-token-1");

            long accountId = login.accountIds().get(1);
            sandbox.addTransactions(accountId, 3);
            await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 1);
            Received event = received.get(0);
            assertThat(event.headers()).containsEntry("CamelFinsifyEventType", "newTransactions")
                    .containsEntry("CamelFinsifyLoginId", login.loginId())
                    .containsEntry("Content-Type", "application/json");
            assertThat(event.body().get("loginId").asLong()).isEqualTo(login.loginId());
            assertThat(event.body().get("newCount").asInt()).isEqualTo(3);
            assertThat(event.body().get("accountIds").get(0).asLong()).isEqualTo(accountId);

            sandbox.setLoginStatus(login.loginId(), "login_password_expired");
            await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 2);
            Received status = received.get(1);
            assertThat(status.headers()).containsEntry("CamelFinsifyEventType", "loginStatus")
                    .containsEntry("CamelFinsifyLoginStatus", "PASSWORD_EXPIRED");
            assertThat(status.body().get("status").asText()).isEqualTo("PASSWORD_EXPIRED");

            // the sandbox got its 200s: nothing is retried, nothing failed
            await().atMost(Duration.ofSeconds(10)).until(() -> sandbox.webhookDeliveries().size() == 2);
            assertThat(sandbox.webhookDeliveries()).allSatisfy(d -> assertThat(d.status()).isEqualTo(200));
        }
    }
}
