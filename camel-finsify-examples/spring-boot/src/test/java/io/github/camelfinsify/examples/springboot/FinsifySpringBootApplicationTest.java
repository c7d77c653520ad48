package io.github.camelfinsify.examples.springboot;

import java.util.List;

import io.github.camelfinsify.model.Account;
import io.github.camelfinsify.model.NewTransactionsEvent;
import io.github.camelfinsify.sandbox.FinsifySandbox;
import io.github.camelfinsify.sandbox.SandboxLogin;
import org.apache.camel.ConsumerTemplate;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Spring Boot application, configured only through properties, boots against the sandbox: producers call it,
 * and its webhooks reach the route on the servlet engine.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FinsifySpringBootApplicationTest {

    private static final String WEBHOOK_TOKEN = "spring-boot-webhook-token-42";
    private static final FinsifySandbox SANDBOX = FinsifySandbox.builder().port(0).build().start();
    private static final SandboxLogin LOGIN = SANDBOX.connectLogin("user_good");

    @LocalServerPort
    int port;

    @Autowired
    ProducerTemplate producer;

    @Autowired
    ConsumerTemplate consumer;

    @DynamicPropertySource
    static void finsify(DynamicPropertyRegistry properties) {
        properties.add("camel.component.finsify.client-id", SANDBOX::clientId);
        properties.add("camel.component.finsify.service-secret", SANDBOX::serviceSecret);
        properties.add("camel.component.finsify.base-url", SANDBOX::baseUrl);
        properties.add("camel.component.finsify.services-url", SANDBOX::servicesUrl);
        properties.add("camel.component.finsify.login-secret", LOGIN::secret);
        properties.add("camel.component.finsify.webhook-token", () -> WEBHOOK_TOKEN);
    }

    @AfterAll
    static void stopSandbox() {
        SANDBOX.close();
    }

    @Test
    void producerConfiguredFromPropertiesReadsTheLoginsAccounts() {
        List<?> accounts = producer.requestBody("finsify:accounts", null, List.class);

        assertThat(accounts).extracting(a -> ((Account) a).id()).containsExactlyElementsOf(LOGIN.accountIds());
    }

    @Test
    void sandboxWebhookReachesTheRouteOnTheServletEngine() {
        SANDBOX.webhookUrl("http://localhost:" + port + "/finsify/webhook?token=" + WEBHOOK_TOKEN);

        SANDBOX.addTransactions(LOGIN.accountIds().get(0), 2);

        Object event = consumer.receiveBody("seda:events", 15_000);
        assertThat(event).isInstanceOfSatisfying(NewTransactionsEvent.class, e -> {
            assertThat(e.loginId()).isEqualTo(LOGIN.loginId());
            assertThat(e.newCount()).isEqualTo(2);
        });
    }
}
