package io.github.camelfinsify.consumer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.test.AvailablePortFinder;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.github.camelfinsify.test.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * {@code finsify:webhook} is closed unless opened: without a usable {@code webhookToken} it does not start, and only
 * {@code allowUnauthenticated=true} lets it take requests that carry no token.
 */
class WebhookClosedByDefaultTest {

    private final int port = AvailablePortFinder.getNextAvailable();
    private final CamelContext context = new DefaultCamelContext();
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final List<Object> delivered = new CopyOnWriteArrayList<>();
    private AbstractAppender appender;

    @BeforeEach
    void captureWarnings() {
        appender = new AbstractAppender("webhook-warnings", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                if (event.getLevel().isMoreSpecificThan(Level.WARN)) {
                    warnings.add(event.getMessage().getFormattedMessage());
                }
            }
        };
        appender.start();
        LoggerContext logging = (LoggerContext) LogManager.getContext(false);
        // every logger of log4j2-test.xml is additive: the root sees each event once
        logging.getConfiguration().getRootLogger().addAppender(appender, Level.WARN, null);
        logging.updateLoggers();
    }

    @AfterEach
    void stop() {
        context.stop();
        LoggerContext logging = (LoggerContext) LogManager.getContext(false);
        logging.getConfiguration().getRootLogger().removeAppender(appender.getName());
        logging.updateLoggers();
        appender.stop();
    }

    private Throwable startWith(String uri, Properties properties) {
        return catchThrowable(() -> {
            VertxPlatformHttpServerConfiguration server = new VertxPlatformHttpServerConfiguration();
            server.setBindPort(port);
            context.addService(new VertxPlatformHttpServer(server));
            context.getPropertiesComponent().setInitialProperties(properties);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(uri).process(e -> delivered.add(e.getIn().getBody()));
                }
            });
            context.start();
        });
    }

    private Throwable startWith(String uri) {
        return startWith(uri, new Properties());
    }

    private static String allMessages(Throwable t) {
        StringBuilder messages = new StringBuilder();
        for (; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }

    private int post(String pathAndQuery) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                                                                                  + pathAndQuery))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json("webhook-login-status"))).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void withoutTokenTheConsumerRefusesToStartNamingWebhookToken() {
        Throwable failure = startWith("finsify:webhook");

        assertThat(failure).isNotNull();
        assertThat(allMessages(failure)).contains("webhookToken", "allowUnauthenticated");
        assertThat(context.isStarted()).isFalse();
    }

    @ParameterizedTest(name = "webhookToken=''{0}''")
    @ValueSource(strings = { " ", ",", " , ,", ",,," })
    void blankTokenOrOnlyCommasRefusesToStart(String token) {
        Properties properties = new Properties();
        properties.setProperty("webhook.token", token);

        Throwable failure = startWith("finsify:webhook?webhookToken=RAW({{webhook.token}})", properties);

        assertThat(allMessages(failure)).contains("webhookToken");
    }

    @Test
    void placeholderThatResolvedToNothingRefusesToStart() {
        Properties properties = new Properties();
        properties.setProperty("webhook.token", "");

        Throwable failure = startWith("finsify:webhook?webhookToken={{webhook.token}}", properties);

        assertThat(allMessages(failure)).contains("webhookToken");
    }

    @Test
    void nonAsciiTokenRefusesToStartWithoutQuotingIt() {
        Throwable failure = startWith("finsify:webhook?webhookToken=RAW(s\u00e9same-ouvre-toi-42)");

        assertThat(allMessages(failure)).contains("webhookToken", "ASCII").doesNotContain("ouvre-toi");
    }

    @Test
    void tokenWithASpaceInsideRefusesToStart() {
        Throwable failure = startWith("finsify:webhook?webhookToken=RAW(two words-1234567890)");

        assertThat(allMessages(failure)).contains("webhookToken").doesNotContain("words-1234567890");
    }

    @Test
    void allowUnauthenticatedAcceptsRequestsWithoutTokenAndWarnsOnceAtStart() throws Exception {
        Throwable failure = startWith("finsify:webhook?allowUnauthenticated=true");

        assertThat(failure).isNull();
        assertThat(warnings).filteredOn(w -> w.contains("allowUnauthenticated")).hasSize(1);
        assertThat(post("/finsify/webhook")).isEqualTo(200);
        assertThat(post("/finsify/webhook")).isEqualTo(200);
        assertThat(delivered).hasSize(2);
        assertThat(warnings).filteredOn(w -> w.contains("allowUnauthenticated")).hasSize(1);
    }

    @Test
    void aConfiguredTokenIsRequiredEvenWithAllowUnauthenticated() throws Exception {
        Throwable failure = startWith("finsify:webhook?allowUnauthenticated=true&webhookToken=RAW(tok-1234567890)");

        assertThat(failure).isNull();
        assertThat(post("/finsify/webhook")).isEqualTo(401);
        assertThat(post("/finsify/webhook?token=tok-1234567890")).isEqualTo(200);
        assertThat(warnings).noneMatch(w -> w.contains("allowUnauthenticated"));
    }
}
