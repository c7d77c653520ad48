package io.github.camelfinsify.examples.springboot;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.github.camelfinsify.model.NewTransactionsEvent;
import io.github.camelfinsify.sandbox.FinsifySandbox;
import io.github.camelfinsify.sandbox.SandboxLogin;
import org.apache.camel.ConsumerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the webhook lands on the servlet engine: camel-platform-http-starter serves platform-http routes through
 * Spring MVC, so the URL is the application's context path ({@code server.servlet.context-path}) followed by the
 * consumer's {@code path} (default {@code /finsify/webhook}). {@code camel.servlet.mapping.context-path} belongs to
 * camel-servlet and plays no part.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "server.servlet.context-path=/bank")
class WebhookUnderContextPathTest {

    private static final String WEBHOOK_TOKEN = "context-path-webhook-token-7";
    private static final FinsifySandbox SANDBOX = FinsifySandbox.builder().port(0).build().start();
    private static final SandboxLogin LOGIN = SANDBOX.connectLogin("user_good");

    @LocalServerPort
    int port;

    @Autowired
    ConsumerTemplate consumer;

    @DynamicPropertySource
    static void environment(DynamicPropertyRegistry properties) {
        properties.add("FINSIFY_BASE_URL", SANDBOX::baseUrl);
        properties.add("FINSIFY_SERVICES_URL", SANDBOX::servicesUrl);
        properties.add("FINSIFY_LOGIN_SECRET", LOGIN::secret);
        properties.add("FINSIFY_WEBHOOK_TOKEN", () -> WEBHOOK_TOKEN);
    }

    @AfterAll
    static void stopSandbox() {
        SANDBOX.close();
    }

    @Test
    void theWebhookIsServedUnderTheServletContextPath() throws Exception {
        SANDBOX.webhookUrl("http://localhost:" + port + "/bank/finsify/webhook?token=" + WEBHOOK_TOKEN);
        SANDBOX.addTransactions(LOGIN.accountIds().get(2), 1);

        Object event = consumer.receiveBody("seda:events", 15_000);
        assertThat(event).isInstanceOfSatisfying(NewTransactionsEvent.class,
                e -> assertThat(e.loginId()).isEqualTo(LOGIN.loginId()));

        // without the context path there is nothing
        HttpResponse<String> outside = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/finsify/webhook?token=" + WEBHOOK_TOKEN))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(outside.statusCode()).isEqualTo(404);
    }
}
