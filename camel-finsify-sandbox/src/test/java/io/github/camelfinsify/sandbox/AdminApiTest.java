package io.github.camelfinsify.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdminApiTest {

    private WebhookReceiver receiver;
    private FinsifySandbox sandbox;
    private Http admin;

    @BeforeEach
    void start() {
        receiver = new WebhookReceiver();
        sandbox = FinsifySandbox.builder().refreshCooldown(Duration.ZERO).webhookUrl(receiver.url("/hook"))
                .build().start();
        admin = Http.bare(sandbox).with("content-type", "application/json");
    }

    @AfterEach
    void stop() {
        sandbox.close();
        receiver.close();
    }

    private JsonNode createLogin(String body) {
        Http.Answer answer = admin.post("/sandbox/logins", body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json();
    }

    @Test
    void postLoginsCreatesCustomerTokenAndLoginInOneStep() {
        JsonNode login = createLogin("{\"username\":\"user_good\",\"service_id\":67}");
        assertThat(login.path("login_id").asLong()).isPositive();
        assertThat(login.path("customer_id").asText()).isNotBlank();
        assertThat(login.path("account_ids")).hasSize(3);
        JsonNode accounts = Http.api(sandbox).login(login.path("secret").asText()).get("/v2/account").json();
        assertThat(accounts.path("data").get(0).path("currency").asText()).isEqualTo("MYR");
    }

    @Test
    void postLoginsWithAFailingUsernameIsRefusedNamingTheStatus() {
        Http.Answer answer = admin.post("/sandbox/logins", "{\"username\":\"password_expired\"}");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("message").asText()).contains("login_password_expired");
    }

    @Test
    void postLoginsWithFailOnRefreshConnectsAndFailsAtTheFirstRefresh() {
        JsonNode login = createLogin("{\"username\":\"wrong_credentials\",\"service_id\":8,\"fail_on_refresh\":true}");
        Http.api(sandbox).login(login.path("secret").asText()).put("/v2/login/refresh", null);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(receiver.received()).hasSize(1));
        assertThat(receiver.received().get(0).body()).contains("\"status\":\"login_wrong_credentials\"")
                .contains("\"login_id\":" + login.path("login_id").asLong());
    }

    @Test
    void postAccountTransactionsAddsTransactionsDatedTodayAndAnswersThem() {
        long accountId = createLogin("{\"username\":\"user_good\"}").path("account_ids").get(0).asLong();
        Http.Answer answer = admin.post("/sandbox/accounts/" + accountId + "/transactions", "{\"count\":3}");
        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.json()).hasSize(3).allSatisfy(t -> {
            assertThat(t.path("date").asText()).isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
            assertThat(t.path("account_id").asLong()).isEqualTo(accountId);
            assertThat(t.path("amount").asText()).matches("-?\\d+\\.\\d{2}");
        });
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(receiver.received()).hasSize(1));
        assertThat(receiver.received().get(0).body()).contains("\"new\":3");
    }

    @Test
    void getAccountTransactionsListsTheSandboxTruth() {
        long accountId = createLogin("{\"username\":\"user_good\"}").path("account_ids").get(1).asLong();
        JsonNode list = admin.get("/sandbox/accounts/" + accountId + "/transactions").json();
        assertThat(list.size()).isEqualTo(sandbox.transactions(accountId).size());
        assertThat(list.get(0).path("id").asLong()).isEqualTo(sandbox.transactions(accountId).get(0).id());
    }

    @Test
    void putTransactionChangesAmountAndDescription() {
        long accountId = createLogin("{\"username\":\"user_good\"}").path("account_ids").get(0).asLong();
        long id = sandbox.transactions(accountId).get(5).id();
        Http.Answer answer = admin.put("/sandbox/transactions/" + id,
                "{\"amount\":\"-123.4\",\"description\":\"CORRECTED\"}");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("amount").asText()).isEqualTo("-123.40");
        SandboxTransaction changed = sandbox.transactions(accountId).get(5);
        assertThat(changed.amount()).isEqualTo("-123.40");
        assertThat(changed.description()).isEqualTo("CORRECTED");
    }

    @Test
    void putTransactionWithAnInvalidAmountIsBadRequest() {
        long accountId = createLogin("{\"username\":\"user_good\"}").path("account_ids").get(0).asLong();
        long id = sandbox.transactions(accountId).get(0).id();
        assertThat(admin.put("/sandbox/transactions/" + id, "{\"amount\":\"12,5\"}").status()).isEqualTo(400);
    }

    @Test
    void deleteTransactionRemovesIt() {
        long accountId = createLogin("{\"username\":\"user_good\"}").path("account_ids").get(0).asLong();
        long id = sandbox.transactions(accountId).get(0).id();
        assertThat(admin.delete("/sandbox/transactions/" + id).status()).isEqualTo(200);
        assertThat(sandbox.transactions(accountId)).noneMatch(t -> t.id() == id);
        assertThat(admin.delete("/sandbox/transactions/" + id).status()).isEqualTo(404);
    }

    @Test
    void putLoginStatusSetsItAndFiresTheLoginStatusWebhook() {
        long loginId = createLogin("{\"username\":\"user_good\"}").path("login_id").asLong();
        Http.Answer answer = admin.put("/sandbox/logins/" + loginId + "/status",
                "{\"status\":\"login_password_expired\"}");
        assertThat(answer.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(receiver.received()).hasSize(1));
        assertThat(receiver.received().get(0).body())
                .isEqualTo("{\"status\":\"login_password_expired\",\"login_id\":" + loginId + "}");
    }

    @Test
    void postWebhooksPostsTheBodyToTheWebhookUrl() {
        Http.Answer answer = admin.post("/sandbox/webhooks", "{\"login_id\":1,\"custom\":[1,2]}");
        assertThat(answer.status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(receiver.received()).hasSize(1));
        assertThat(receiver.received().get(0).body()).isEqualTo("{\"login_id\":1,\"custom\":[1,2]}");
    }

    @Test
    void postFaultsMakesTheNextApiCallsFail() {
        assertThat(admin.post("/sandbox/faults", "{\"type\":\"503\",\"count\":1}").status()).isEqualTo(201);
        assertThat(Http.api(sandbox).get("/v2/account").status()).isEqualTo(503);
    }

    @Test
    void postFaultsWithAnUnknownTypeIsBadRequest() {
        assertThat(admin.post("/sandbox/faults", "{\"type\":\"418\",\"count\":1}").status()).isEqualTo(400);
    }

    @Test
    void deleteFaultsClearsThem() {
        admin.post("/sandbox/faults", "{\"type\":\"500\",\"count\":3}");
        assertThat(admin.delete("/sandbox/faults").status()).isEqualTo(204);
        assertThat(Http.api(sandbox).login("x").get("/v2/account").status()).isEqualTo(404);
    }

    @Test
    void postResetReturnsToTheSeededState() {
        JsonNode login = createLogin("{\"username\":\"user_good\"}");
        assertThat(admin.post("/sandbox/reset", "").status()).isEqualTo(200);
        assertThat(Http.api(sandbox).login(login.path("secret").asText()).get("/v2/account").status())
                .isEqualTo(404);
        assertThat(createLogin("{\"username\":\"user_good\"}").path("login_id"))
                .isEqualTo(login.path("login_id"));
    }

    @Test
    void unknownAccountIsNotFound() {
        assertThat(admin.get("/sandbox/accounts/1/transactions").status()).isEqualTo(404);
    }

    @Test
    void unknownAdminEndpointIsNotFound() {
        assertThat(admin.get("/sandbox/nothing").status()).isEqualTo(404);
    }
}
