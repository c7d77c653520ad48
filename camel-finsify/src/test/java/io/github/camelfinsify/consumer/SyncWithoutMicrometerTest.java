package io.github.camelfinsify.consumer;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import io.github.camelfinsify.FinsifyConstants;
import io.github.camelfinsify.sandbox.SandboxLogin;
import io.github.camelfinsify.sync.DirectoryLogin;
import io.github.camelfinsify.sync.MemoryLoginDirectory;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Micrometer is optional: run (by the surefire execution {@code without-micrometer}) on a class path without
 * camel-micrometer and micrometer-core, the component starts, calls the API, syncs a book and takes webhooks.
 */
class SyncWithoutMicrometerTest extends SandboxConsumerTestSupport {

    private static final int WINDOW_DAYS = 20;

    @Override
    public boolean isUseRouteBuilder() {
        return false;
    }

    @Test
    void theClassPathHasNoMicrometer() {
        assertThatThrownBy(() -> Class.forName("io.micrometer.core.instrument.MeterRegistry"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("org.apache.camel.component.micrometer.MicrometerUtils"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void theComponentCallsSyncsAndTakesWebhooks() throws Exception {
        SandboxLogin login = sandbox().connectLogin("user_good");
        MemoryLoginDirectory book = new MemoryLoginDirectory();
        book.save(new DirectoryLogin(login.loginId(), login.secret(), login.customerId()));
        context.getRegistry().bind("book", book);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("finsify:transactions?loginDirectory=#book&initialDelay=0&delay=50&reconciliationInterval=1s"
                     + "&initialFromDate=" + LocalDate.now().minusDays(WINDOW_DAYS)).routeId("book").to("mock:synced");
                from("finsify:webhook?webhookToken=RAW(" + WEBHOOK_TOKEN + ")&requestSync=true").routeId("webhook")
                        .to("mock:events");
            }
        });
        context.start();

        List<?> accounts = template.requestBodyAndHeader("finsify:accounts", null, FinsifyConstants.LOGIN_SECRET,
                login.secret(), List.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> getMockEndpoint("mock:synced").getReceivedCounter() > 0);
        sandbox().addTransactions(login.accountIds().get(0), 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> getMockEndpoint("mock:events").getReceivedCounter() > 0);

        assertThat(accounts).hasSameSizeAs(login.accountIds());
    }
}
