package io.github.camelfinsify.consumer;

import java.time.Duration;
import java.time.LocalDate;

import io.github.camelfinsify.sandbox.SandboxLogin;
import io.github.camelfinsify.sync.DirectoryLogin;
import io.github.camelfinsify.sync.MemoryLoginDirectory;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The multi-login consumer's health check counts the book: logins synced, failing and needing their user.
 */
class DirectoryHealthTest extends ConsumerHealthTestSupport {

    @Test
    void detailsCountTheLoginsSyncedAndNeedingTheirUser() throws Exception {
        MemoryLoginDirectory book = new MemoryLoginDirectory();
        SandboxLogin locked = null;
        for (int i = 0; i < 3; i++) {
            SandboxLogin login = sandbox().connectLogin("user_good");
            book.save(new DirectoryLogin(login.loginId(), login.secret(), login.customerId()));
            locked = login;
        }
        context.getRegistry().bind("book", book);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("finsify:webhook?webhookToken=" + WEBHOOK_TOKEN).to("mock:events");
            }
        });
        context.start();
        sandbox().setLoginStatus(locked.loginId(), "login_password_expired");
        await().atMost(Duration.ofSeconds(10)).until(() -> getMockEndpoint("mock:events").getReceivedCounter() == 1);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("finsify:transactions?loginDirectory=#book&reconciliationInterval=1s&delay=50&initialDelay=0"
                     + "&initialFromDate=" + LocalDate.now().minusDays(5)).routeId("book").to("mock:synced");
            }
        });

        await().atMost(Duration.ofSeconds(15)).until(() -> health("consumer:finsify-directory-book")
                .map(r -> ((Number) r.getDetails().getOrDefault("loginsSynced", 0)).longValue() >= 2).orElse(false));
        HealthCheck.Result result = health("consumer:finsify-directory-book").orElseThrow();
        assertThat(result.getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(result.getDetails()).containsEntry("logins", 3L).containsEntry("loginsNeedingUser", 1L)
                .containsEntry("loginsFailing", 0);
    }
}
