package io.github.camelfinsify.consumer;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.camelfinsify.FinsifyComponent;
import io.github.camelfinsify.model.FinsifyEvent;
import io.github.camelfinsify.model.NewTransactionsEvent;
import io.github.camelfinsify.sandbox.FinsifySandbox;
import io.github.camelfinsify.sandbox.FinsifySandboxExtension;
import io.github.camelfinsify.sandbox.SandboxLogin;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code finsify:webhook} in Camel Main, on the server of {@code camel-platform-http-main}
 * ({@code camel.server.enabled=true}), receiving the sandbox's webhooks.
 */
class CamelMainWebhookTest {

    @RegisterExtension
    static FinsifySandboxExtension sandboxExtension = new FinsifySandboxExtension();

    private final Main main = new Main();
    private final List<FinsifyEvent> events = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        main.stop();
    }

    @Test
    void sandboxWebhooksReachARouteOnCamelMainsHttpServer() throws Exception {
        FinsifySandbox sandbox = sandboxExtension.sandbox();
        int port = AvailablePortFinder.getNextAvailable();
        main.addInitialProperty("camel.server.enabled", "true");
        main.addInitialProperty("camel.server.port", String.valueOf(port));
        FinsifyComponent finsify = new FinsifyComponent();
        finsify.getConfiguration().setWebhookToken("main-webhook-token-123456");
        main.bind("finsify", finsify);
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("finsify:webhook").process(e -> events.add(e.getIn().getBody(FinsifyEvent.class)));
            }
        });
        main.start();
        sandbox.webhookUrl("http://127.0.0.1:" + port + "/finsify/webhook?token=main-webhook-token-123456");
        SandboxLogin login = sandbox.connectLogin("user_good");

        sandbox.addTransactions(login.accountIds().get(0), 3);

        await().atMost(Duration.ofSeconds(10)).until(() -> events.size() == 1);
        assertThat(events.get(0)).isInstanceOfSatisfying(NewTransactionsEvent.class, e -> {
            assertThat(e.loginId()).isEqualTo(login.loginId());
            assertThat(e.newCount()).isEqualTo(3);
        });
    }
}
