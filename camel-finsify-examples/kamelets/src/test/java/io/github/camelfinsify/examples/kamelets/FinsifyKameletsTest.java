package io.github.camelfinsify.examples.kamelets;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelfinsify.sandbox.FinsifySandbox;
import io.github.camelfinsify.sandbox.FinsifySandboxExtension;
import io.github.camelfinsify.sandbox.SandboxLogin;
import io.github.camelfinsify.sandbox.SandboxTransaction;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each Kamelet, run by Camel Main with camel-kamelet as Camel K would, against the sandbox.
 */
class FinsifyKameletsTest {

    @RegisterExtension
    static FinsifySandboxExtension sandboxExtension = new FinsifySandboxExtension();

    private final ObjectMapper json = new ObjectMapper();
    private final List<Exchange> received = new CopyOnWriteArrayList<>();
    private final Main main = new Main();
    private FinsifySandbox sandbox;
    private SandboxLogin login;
    private int port;

    @BeforeEach
    void start() {
        sandbox = sandboxExtension.sandbox();
        login = sandbox.connectLogin("user_good");
        port = AvailablePortFinder.getNextAvailable();
        main.addInitialProperty("camel.component.kamelet.location", "classpath:kamelets");
        // Camel Main's start-up summary prints Kamelet properties such as serviceSecret and loginSecret in clear
        main.addInitialProperty("camel.main.auto-configuration-log-summary", "false");
        main.addInitialProperty("camel.server.enabled", "true");
        main.addInitialProperty("camel.server.port", String.valueOf(port));
        main.addInitialProperty("finsify.client.id", sandbox.clientId());
        main.addInitialProperty("finsify.service.secret", sandbox.serviceSecret());
        main.addInitialProperty("finsify.login.secret", login.secret());
        main.addInitialProperty("finsify.base.url", sandbox.baseUrl());
    }

    @AfterEach
    void stop() {
        main.stop();
    }

    private void run(RouteBuilder routes) throws Exception {
        main.configure().addRoutesBuilder(routes);
        main.start();
    }

    @Test
    void transactionsSourceDeliversTheLoginsChangesAsJson() throws Exception {
        long accountId = login.accountIds().get(0);
        List<SandboxTransaction> added = sandbox.addTransactions(accountId, 3);
        run(new RouteBuilder() {
            @Override
            public void configure() {
                from("kamelet:finsify-transactions-source?clientId={{finsify.client.id}}"
                     + "&serviceSecret={{finsify.service.secret}}&loginSecret={{finsify.login.secret}}"
                     + "&baseUrl={{finsify.base.url}}&delay=200")
                        .convertBodyTo(String.class).process(received::add);
            }
        });

        await().atMost(Duration.ofSeconds(20)).until(() -> received.stream()
                .map(e -> e.getIn().getBody(String.class)).filter(b -> b.contains(String.valueOf(added.get(2).id())))
                .count() == 1);
        Exchange last = received.stream().filter(e -> e.getIn().getBody(String.class)
                .contains(String.valueOf(added.get(2).id()))).findFirst().orElseThrow();
        JsonNode body = json.readTree(last.getIn().getBody(String.class));
        assertThat(body.get("id").asLong()).isEqualTo(added.get(2).id());
        assertThat(body.get("date").asText()).isEqualTo(LocalDate.now(java.time.ZoneOffset.UTC).toString());
        assertThat(body.get("amount").decimalValue()).isEqualByComparingTo(added.get(2).amount());
        assertThat(last.getIn().getHeader("CamelFinsifyChangeType")).hasToString("ADDED");
    }

    @Test
    void webhookSourceDeliversEventsAsJson() throws Exception {
        run(new RouteBuilder() {
            @Override
            public void configure() {
                from("kamelet:finsify-webhook-source?webhookToken=kamelet-token-123456").convertBodyTo(String.class)
                        .process(received::add);
            }
        });
        sandbox.webhookUrl("http://127.0.0.1:" + port + "/finsify/webhook?token=kamelet-token-123456");

        sandbox.addTransactions(login.accountIds().get(0), 2);

        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);
        JsonNode event = json.readTree(received.get(0).getIn().getBody(String.class));
        assertThat(event.get("loginId").asLong()).isEqualTo(login.loginId());
        assertThat(event.get("newCount").asInt()).isEqualTo(2);
        assertThat(received.get(0).getIn().getHeader("CamelFinsifyEventType")).isEqualTo("newTransactions");
    }

    @Test
    void actionSinkCallsTheOperationAndAnswersJson() throws Exception {
        run(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:accounts")
                        .to("kamelet:finsify-action-sink?clientId={{finsify.client.id}}"
                            + "&serviceSecret={{finsify.service.secret}}&baseUrl={{finsify.base.url}}&operation=accounts");
            }
        });

        String answer = main.getCamelTemplate().requestBodyAndHeaders("direct:accounts", null,
                Map.of("CamelFinsifyLoginSecret", login.secret()), String.class);

        JsonNode accounts = json.readTree(answer);
        assertThat(accounts.isArray()).isTrue();
        assertThat(accounts).extracting(a -> a.get("id").asLong()).containsExactlyElementsOf(login.accountIds());
    }

    @Test
    void actionSinkOperationCanBeChosenPerMessage() throws Exception {
        run(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:action")
                        .to("kamelet:finsify-action-sink?clientId={{finsify.client.id}}"
                            + "&serviceSecret={{finsify.service.secret}}&baseUrl={{finsify.base.url}}");
            }
        });

        String answer = main.getCamelTemplate().requestBodyAndHeaders("direct:action", null,
                Map.of("CamelFinsifyOperation", "refreshLogin", "CamelFinsifyLoginSecret", login.secret()),
                String.class);

        JsonNode refresh = json.readTree(answer);
        assertThat(refresh.get("id").asLong()).isEqualTo(login.loginId());
        assertThat(refresh.has("refreshed")).isTrue();
    }
}
