package io.github.camelfinsify.consumer;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.github.camelfinsify.sandbox.SandboxLogin;
import io.github.camelfinsify.sync.DirectoryLogin;
import io.github.camelfinsify.sync.MemoryLoginDirectory;
import io.github.camelfinsify.test.LogCapture;
import org.apache.camel.Endpoint;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheckHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The multi-login consumer and its directory, with every logger at DEBUG: a sweep, a webhook's request, a login that
 * needs its user and a rate-limited API leave no login secret in a log line, an endpoint, a health check or a
 * {@code toString()}.
 */
class DirectorySecretHygieneTest extends SandboxConsumerTestSupport {

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    @Override
    public boolean isUseRouteBuilder() {
        return false;
    }

    @Test
    void noLoginSecretIsShownAnywhere() throws Exception {
        MemoryLoginDirectory book = new MemoryLoginDirectory();
        List<SandboxLogin> logins = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            SandboxLogin login = sandbox().connectLogin("user_good");
            logins.add(login);
            book.save(new DirectoryLogin(login.loginId(), login.secret(), login.customerId()));
        }
        context.getRegistry().bind("book", book);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("finsify:webhook?webhookToken=" + WEBHOOK_TOKEN + "&requestSync=true").to("mock:events");
                from("finsify:transactions?loginDirectory=#book&reconciliationInterval=1s&delay=50&initialDelay=0"
                     + "&initialFromDate=" + LocalDate.now().minusDays(5)).to("mock:synced");
            }
        });
        context.start();
        sandbox().setLoginStatus(logins.get(0).loginId(), "login_wrong_credentials");
        sandbox().injectFault("429", 2);
        sandbox().addTransactions(logins.get(1).accountIds().get(0), 1);
        await().atMost(Duration.ofSeconds(15)).until(() -> getMockEndpoint("mock:synced").getReceivedCounter() > 3
                                                           && getMockEndpoint("mock:events").getReceivedCounter() >= 2);

        List<String> shown = new ArrayList<>(logs.lines());
        context.getEndpoints().stream().map(Endpoint::toString).forEach(shown::add);
        HealthCheckHelper.invoke(context).forEach(r -> shown.add(r.getDetails() + " " + r.getMessage().orElse("")));
        shown.add(book.toString());
        logins.forEach(l -> shown.add(new DirectoryLogin(l.loginId(), l.secret(), l.customerId()).toString()));

        assertThat(shown).anySatisfy(s -> assertThat(s).contains("loginDirectory"));
        for (SandboxLogin login : logins) {
            assertThat(shown.stream().filter(s -> s.contains(login.secret()))).as("places showing a secret").isEmpty();
        }
    }
}
