package io.github.camelfinsify.consumer;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;

import io.github.camelfinsify.sandbox.SandboxLogin;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A login that needs its user shows in the polling consumer's health check, with the reason, until the user
 * reconnects.
 */
class ConsumerHealthTest extends ConsumerHealthTestSupport {

    @Test
    void loginNeedingItsUserTurnsThePollingConsumerDownWithTheReasonAndUpAfterReconnect() throws Exception {
        SandboxLogin login = sandbox().connectLogin("user_good");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("finsify:transactions?loginSecret=RAW(" + login.secret() + ")&delay=100&initialDelay=0"
                     + "&initialFromDate=" + LocalDate.now().minusDays(5)).routeId("sync").to("mock:sync");
                from("finsify:webhook?webhookToken=" + WEBHOOK_TOKEN).to("mock:events");
                from("finsify:connect").to("mock:connected");
            }
        });
        context.start();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> health("consumer:sync").map(r -> r.getState() == HealthCheck.State.UP).orElse(false));

        sandbox().setLoginStatus(login.loginId(), "login_account_locked");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> health("consumer:sync").map(r -> r.getState() == HealthCheck.State.DOWN).orElse(false));
        HealthCheck.Result down = health("consumer:sync").orElseThrow();
        assertThat(down.getMessage().orElse("") + down.getError().map(Throwable::getMessage).orElse(""))
                .contains("Login " + login.loginId() + " needs its user", "login_account_locked",
                        "locked the account");

        String reconnected = "{\"status\":\"success\",\"login_id\":" + login.loginId() + ",\"secret\":\"" + login.secret()
                             + "\"}";
        assertThat(get("/finsify/connect/" + URLEncoder.encode(reconnected, StandardCharsets.UTF_8)).statusCode())
                .isEqualTo(200);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> health("consumer:sync").map(r -> r.getState() == HealthCheck.State.UP).orElse(false));
    }
}
