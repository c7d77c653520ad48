package io.github.camelfinsify.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RefreshAndActivationTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2017-08-13T09:19:08.073Z"));
    private WebhookReceiver receiver;
    private FinsifySandbox sandbox;

    @BeforeEach
    void start() {
        receiver = new WebhookReceiver();
        sandbox = FinsifySandbox.builder().clock(clock).webhookUrl(receiver.url("/hook")).build().start();
    }

    @AfterEach
    void stop() {
        sandbox.close();
        receiver.close();
    }

    private JsonNode refresh(SandboxLogin login) {
        Http.Answer answer = Http.api(sandbox).login(login.secret()).put("/v2/login/refresh", null);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    @Test
    void refreshAnswersLastRefreshAndNextPossibleFiveMinutesLater() {
        SandboxLogin login = sandbox.connectLogin("user_good");
        JsonNode json = refresh(login);
        assertThat(json.path("version").asText()).isEqualTo("v2");
        assertThat(json.path("data").path("id").asLong()).isEqualTo(login.loginId());
        assertThat(json.path("data").path("refreshed").asBoolean()).isTrue();
        assertThat(json.path("data").path("last_refresh_at").asText()).isEqualTo("2017-08-13T09:19:08.073Z");
        assertThat(json.path("data").path("next_refresh_possible_at").asText()).isEqualTo("2017-08-13T09:24:08.073Z");
    }

    @Test
    void refreshWithinTheCooldownChangesNothingAndSaysSo() {
        SandboxLogin login = sandbox.connectLogin("user_good");
        JsonNode first = refresh(login).path("data");
        clock.advance(Duration.ofMinutes(4));
        JsonNode second = refresh(login).path("data");
        assertThat(second.path("refreshed").asBoolean()).isFalse();
        assertThat(second.path("last_refresh_at")).isEqualTo(first.path("last_refresh_at"));
        assertThat(second.path("next_refresh_possible_at")).isEqualTo(first.path("next_refresh_possible_at"));
    }

    @Test
    void refreshAfterTheCooldownRefreshesAgain() {
        SandboxLogin login = sandbox.connectLogin("user_good");
        refresh(login);
        clock.advance(Duration.ofMinutes(5));
        JsonNode again = refresh(login).path("data");
        assertThat(again.path("refreshed").asBoolean()).isTrue();
        assertThat(again.path("last_refresh_at").asText()).isEqualTo("2017-08-13T09:24:08.073Z");
    }

    @Test
    void deactivateAnswersDeActivateTrue() {
        SandboxLogin login = sandbox.connectLogin("user_good");
        JsonNode json = Http.api(sandbox).login(login.secret()).put("/v2/login/deactivate", null).json();
        assertThat(json.path("data").path("id").asLong()).isEqualTo(login.loginId());
        assertThat(json.path("data").path("deActivate").asBoolean()).isTrue();
    }

    @Test
    void activateAnswersActivateTrue() {
        SandboxLogin login = sandbox.connectLogin("user_good");
        JsonNode json = Http.api(sandbox).login(login.secret()).put("/v2/login/activate", null).json();
        assertThat(json.path("data").path("id").asLong()).isEqualTo(login.loginId());
        assertThat(json.path("data").path("activate").asBoolean()).isTrue();
    }

    @Test
    void deactivatedLoginIsNotRefreshed() {
        SandboxLogin login = sandbox.connectLogin("user_updates");
        Http.api(sandbox).login(login.secret()).put("/v2/login/deactivate", null);
        int before = sandbox.transactions(login.accountIds().get(0)).size();
        JsonNode json = refresh(login).path("data");
        assertThat(json.path("refreshed").asBoolean()).isFalse();
        assertThat(json.path("last_refresh_at").isNull()).isTrue();
        assertThat(sandbox.transactions(login.accountIds().get(0))).hasSize(before);
    }

    @Test
    void reactivatedLoginIsRefreshedAgain() {
        SandboxLogin login = sandbox.connectLogin("user_good");
        Http.api(sandbox).login(login.secret()).put("/v2/login/deactivate", null);
        Http.api(sandbox).login(login.secret()).put("/v2/login/activate", null);
        assertThat(refresh(login).path("data").path("refreshed").asBoolean()).isTrue();
    }

    @Test
    void failOnRefreshLoginMovesToItsStatusAtItsFirstRefreshAndFiresTheLoginStatusWebhook() throws Exception {
        SandboxLogin login = sandbox.connectLogin("wrong_credentials", true);
        assertThat(Http.api(sandbox).login(login.secret()).get("/v2/account").status()).isEqualTo(200);

        assertThat(refresh(login).path("data").path("refreshed").asBoolean()).isTrue();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(receiver.received()).hasSize(1));
        assertThat(Http.MAPPER.readTree(receiver.received().get(0).body())).isEqualTo(Http.MAPPER.readTree(
                "{\"status\":\"login_wrong_credentials\",\"login_id\":" + login.loginId() + "}"));
    }

    @Test
    void loginInAFailedStatusIsNotRefreshed() {
        SandboxLogin login = sandbox.connectLogin("account_locked", true);
        refresh(login);
        clock.advance(Duration.ofMinutes(10));
        assertThat(refresh(login).path("data").path("refreshed").asBoolean()).isFalse();
    }
}
