package io.github.camelfinsify.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookTest {

    private WebhookReceiver receiver;
    private FinsifySandbox sandbox;

    @BeforeEach
    void start() {
        receiver = new WebhookReceiver();
        sandbox = FinsifySandbox.builder().refreshCooldown(Duration.ZERO).webhookRetryDelay(Duration.ofMillis(50))
                .webhookToken("hook-token-123").build().start();
        sandbox.webhookUrl(receiver.url("/finsify/webhook?token=abc"));
    }

    @AfterEach
    void stop() {
        sandbox.close();
        receiver.close();
    }

    private List<JsonNode> receivedJson(int count) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(receiver.received()).hasSize(count));
        return receiver.received().stream().map(r -> {
            try {
                return Http.MAPPER.readTree(r.body());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    @Test
    void userUpdatesRefreshAddsTransactionsDatedTodayChangesOneAndFiresTheNewTransactionWebhook() {
        SandboxLogin login = sandbox.connectLogin("user_updates");
        long accountId = login.accountIds().get(0);
        List<SandboxTransaction> before = sandbox.transactions(accountId);

        Http.api(sandbox).login(login.secret()).put("/v2/login/refresh", null);

        List<SandboxTransaction> after = sandbox.transactions(accountId);
        List<SandboxTransaction> added = after.stream().filter(t -> !before.stream()
                .anyMatch(b -> b.id() == t.id())).toList();
        assertThat(added).hasSizeBetween(1, 3)
                .allSatisfy(t -> assertThat(t.date()).isEqualTo(LocalDate.now(ZoneOffset.UTC)));
        assertThat(after.stream().filter(t -> before.stream().anyMatch(b -> b.id() == t.id() && !b.equals(t))))
                .hasSize(1);
        JsonNode event = receivedJson(1).get(0);
        assertThat(event.path("login_id").asLong()).isEqualTo(login.loginId());
        assertThat(event.path("accounts").get(0).path("id").asLong()).isEqualTo(accountId);
        assertThat(event.path("new").asInt()).isEqualTo(added.size());
        assertThat(event.path("timestamp").asLong()).isPositive();
        assertThat(event.path("referenceId").asText()).isNotBlank();
    }

    @Test
    void everyNewTransactionEventHasAUniqueReferenceId() {
        SandboxLogin login = sandbox.connectLogin("user_updates");
        for (int i = 0; i < 5; i++) {
            Http.api(sandbox).login(login.secret()).put("/v2/login/refresh", null);
        }
        Set<String> ids = new HashSet<>();
        receivedJson(5).forEach(e -> ids.add(e.path("referenceId").asText()));
        assertThat(ids).hasSize(5);
    }

    @Test
    void userGoodRefreshFiresNoWebhook() {
        SandboxLogin login = sandbox.connectLogin("user_good");
        sandbox.connectLogin("user_updates");
        Http.api(sandbox).login(login.secret()).put("/v2/login/refresh", null);
        sandbox.postWebhook("{\"marker\":true}");
        assertThat(receivedJson(1).get(0).path("marker").asBoolean()).isTrue();
    }

    @Test
    void webhookIsPostedAsJsonToTheUrlVerbatimWithTheTokenHeader() {
        sandbox.postWebhook("{\"hello\":\"world\"}");
        receivedJson(1);
        WebhookReceiver.Received received = receiver.received().get(0);
        assertThat(received.path()).isEqualTo("/finsify/webhook");
        assertThat(received.query()).isEqualTo("token=abc");
        assertThat(received.header("Content-Type")).startsWith("application/json");
        assertThat(received.header("X-Finsify-Token")).isEqualTo("hook-token-123");
        assertThat(received.body()).isEqualTo("{\"hello\":\"world\"}");
    }

    @Test
    void failedDeliveryIsRetriedUntilItSucceeds() {
        receiver.answering(500, 503);
        sandbox.postWebhook("{\"retry\":1}");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(sandbox.webhookDeliveries()).hasSize(1));
        WebhookDelivery delivery = sandbox.webhookDeliveries().get(0);
        assertThat(delivery.delivered()).isTrue();
        assertThat(delivery.attempts()).isEqualTo(3);
        assertThat(delivery.status()).isEqualTo(200);
        assertThat(receiver.received()).hasSize(3).allSatisfy(r -> assertThat(r.body()).isEqualTo("{\"retry\":1}"));
    }

    @Test
    void deliveryIsGivenUpAfterTheMaximumAttempts() {
        receiver.answering(500, 500, 500, 500, 500);
        sandbox.postWebhook("{\"retry\":2}");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(sandbox.webhookDeliveries()).hasSize(1));
        WebhookDelivery delivery = sandbox.webhookDeliveries().get(0);
        assertThat(delivery.delivered()).isFalse();
        assertThat(delivery.attempts()).isEqualTo(4);
        assertThat(delivery.status()).isEqualTo(500);
        assertThat(receiver.received()).hasSize(4);
    }

    @Test
    void unreachableWebhookUrlIsRetriedThenRecordedAsFailed() {
        receiver.close();
        sandbox.postWebhook("{\"unreachable\":true}");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(sandbox.webhookDeliveries()).hasSize(1));
        assertThat(sandbox.webhookDeliveries().get(0).status()).isEqualTo(-1);
        assertThat(sandbox.webhookDeliveries().get(0).attempts()).isEqualTo(4);
    }

    @Test
    void addingTransactionsFiresTheNewTransactionWebhookWithTheirCount() {
        SandboxLogin login = sandbox.connectLogin("user_good");
        long accountId = login.accountIds().get(1);
        sandbox.addTransactions(accountId, 4);
        JsonNode event = receivedJson(1).get(0);
        assertThat(event.path("login_id").asLong()).isEqualTo(login.loginId());
        assertThat(event.path("accounts").get(0).path("id").asLong()).isEqualTo(accountId);
        assertThat(event.path("new").asInt()).isEqualTo(4);
    }

    @Test
    void updatingOrRemovingATransactionFiresTheWebhookWithNewZero() {
        SandboxLogin login = sandbox.connectLogin("user_good");
        List<SandboxTransaction> all = sandbox.transactions(login.accountIds().get(0));
        sandbox.updateTransaction(all.get(all.size() - 1).id(), "-100.00", null);
        sandbox.removeTransaction(all.get(all.size() - 2).id());
        assertThat(receivedJson(2)).allSatisfy(e -> assertThat(e.path("new").asInt()).isZero());
    }

    @Test
    void settingALoginStatusFiresTheLoginStatusWebhook() throws Exception {
        SandboxLogin login = sandbox.connectLogin("user_good");
        sandbox.setLoginStatus(login.loginId(), "login_account_locked");
        assertThat(receivedJson(1).get(0)).isEqualTo(Http.MAPPER.readTree(
                "{\"status\":\"login_account_locked\",\"login_id\":" + login.loginId() + "}"));
    }

    @Test
    void withoutAWebhookUrlEventsAreRecordedAsNotSent() {
        sandbox.webhookUrl(null);
        sandbox.postWebhook("{\"nowhere\":true}");
        assertThat(sandbox.webhookDeliveries()).singleElement()
                .satisfies(d -> assertThat(d.attempts()).isZero());
    }
}
