package io.github.camelfinsify.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The sandbox's admin API ({@code /sandbox/...}): open on loopback, guarded by a token when one is set or off loopback. */
class AdminTokenTest {

    private static final String LOGIN = "{\"username\":\"user_good\"}";

    private static Http admin(FinsifySandbox sandbox) {
        return Http.bare(sandbox).with("content-type", "application/json");
    }

    @Test
    void adminApiOnLoopbackNeedsNoTokenByDefault() {
        try (FinsifySandbox sandbox = FinsifySandbox.builder().build().start()) {
            assertThat(sandbox.adminToken()).isNull();
            assertThat(admin(sandbox).post("/sandbox/logins", LOGIN).status()).isEqualTo(201);
        }
    }

    @Test
    void adminApiWithATokenRefusesRequestsWithoutIt() {
        try (FinsifySandbox sandbox = FinsifySandbox.builder().adminToken("admin-token-1").build().start()) {
            Http.Answer answer = admin(sandbox).post("/sandbox/logins", LOGIN);
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer");
            assertThat(answer.json().path("message").asText()).contains("Authorization: Bearer");
            assertThat(answer.body()).doesNotContain("admin-token-1");
            assertThat(admin(sandbox).with("Authorization", "Bearer admin-token-2").post("/sandbox/logins", LOGIN)
                    .status()).isEqualTo(401);
        }
    }

    @Test
    void adminApiWithATokenServesRequestsCarryingIt() {
        try (FinsifySandbox sandbox = FinsifySandbox.builder().adminToken("admin-token-1").build().start()) {
            assertThat(admin(sandbox).with("Authorization", "Bearer admin-token-1").post("/sandbox/logins", LOGIN)
                    .status()).isEqualTo(201);
            assertThat(admin(sandbox).with("authorization", "bearer admin-token-1").get("/sandbox/nothing")
                    .status()).as("scheme and header name are case-insensitive").isEqualTo(404);
        }
    }

    @Test
    void offLoopbackAnAdminTokenIsGeneratedWhenNoneIsGiven() {
        try (FinsifySandbox sandbox = FinsifySandbox.builder().host("0.0.0.0").build().start()) {
            assertThat(sandbox.adminToken()).hasSizeGreaterThanOrEqualTo(32);
            assertThat(admin(sandbox).post("/sandbox/logins", LOGIN).status()).isEqualTo(401);
            assertThat(admin(sandbox).with("Authorization", "Bearer " + sandbox.adminToken())
                    .post("/sandbox/logins", LOGIN).status()).isEqualTo(201);
        }
    }

    @Test
    void offLoopbackNobodyPostsWebhooksWithoutTheToken() {
        try (WebhookReceiver receiver = new WebhookReceiver();
                FinsifySandbox sandbox = FinsifySandbox.builder().host("0.0.0.0").webhookToken("hook-token-1")
                        .webhookUrl(receiver.url("/hook")).build().start()) {
            assertThat(admin(sandbox).post("/sandbox/webhooks", "{\"login_id\":1,\"new\":1}").status())
                    .isEqualTo(401);
            assertThat(admin(sandbox).post("/sandbox/faults", "{\"type\":\"503\",\"count\":1}").status())
                    .isEqualTo(401);
            assertThat(admin(sandbox).post("/sandbox/reset", "").status()).isEqualTo(401);
            // deliveries go out in order from one thread: had the refused post queued anything, it would come first
            sandbox.postWebhook("{\"login_id\":2,\"new\":1}");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> sandbox.webhookDeliveries().size() == 1);
            assertThat(receiver.received()).extracting(WebhookReceiver.Received::body)
                    .containsExactly("{\"login_id\":2,\"new\":1}");
        }
    }

    @Test
    void javaMethodsNeedNoToken() {
        try (FinsifySandbox sandbox = FinsifySandbox.builder().adminToken("admin-token-1").build().start()) {
            SandboxLogin login = sandbox.connectLogin("user_good");
            assertThat(sandbox.addTransactions(login.accountIds().get(0), 2)).hasSize(2);
        }
    }

    @Test
    void theApiUnderV2IsNotGuardedByTheAdminToken() {
        try (FinsifySandbox sandbox = FinsifySandbox.builder().adminToken("admin-token-1").build().start()) {
            SandboxLogin login = sandbox.connectLogin("user_good");
            assertThat(Http.api(sandbox).login(login.secret()).get("/v2/account").status()).isEqualTo(200);
        }
    }

    @Test
    void anAdminTokenThatCannotGoInAHeaderIsRefused() {
        assertThatThrownBy(() -> FinsifySandbox.builder().adminToken("two words"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("adminToken");
        assertThatThrownBy(() -> FinsifySandbox.builder().adminToken(""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("adminToken");
    }

    @Test
    void toStringDoesNotShowTheAdminToken() {
        try (FinsifySandbox sandbox = FinsifySandbox.builder().adminToken("admin-token-1").build().start()) {
            assertThat(sandbox.toString()).doesNotContain("admin-token-1");
        }
    }
}
