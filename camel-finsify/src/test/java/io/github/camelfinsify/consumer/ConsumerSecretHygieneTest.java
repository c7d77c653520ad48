package io.github.camelfinsify.consumer;

import io.github.camelfinsify.FinsifyComponent;
import io.github.camelfinsify.FinsifyConfiguration;
import java.lang.management.ManagementFactory;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import io.github.camelfinsify.FinsifyLoginSecretResolver;
import io.github.camelfinsify.sandbox.SandboxLogin;
import io.github.camelfinsify.test.LogCapture;
import org.apache.camel.Endpoint;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The consumers' whole flow (connect callback, webhooks with the token in the query and in a header, fetching and
 * polling transactions), with every logger at DEBUG, leaves no secret in a log line, an endpoint URI, a route dump,
 * a health-check detail or Camel's JMX view.
 */
class ConsumerSecretHygieneTest extends SandboxConsumerTestSupport {

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    @Override
    protected boolean useJmx() {
        return true;
    }

    @Override
    public boolean isUseRouteBuilder() {
        return false;
    }

    @Test
    void noSecretIsShownAnywhere() throws Exception {
        SandboxLogin login = sandbox().connectLogin("user_good");
        context.getRegistry().bind("secrets", (FinsifyLoginSecretResolver) id -> login.secret());
        // Secrets stay out of URIs: a literal one is part of the route model and its dumps, and Camel core's DEBUG
        // lines for resolved {{placeholders}} print the values (see docs/security.md). They are component options here,
        // as camel.component.finsify.* properties or a configured component bean set them.
        FinsifyConfiguration configuration = context
                .getComponent("finsify", FinsifyComponent.class).getConfiguration();
        configuration.setLoginSecret(login.secret());
        configuration.setWebhookToken(WEBHOOK_TOKEN);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("finsify:connect").routeId("connect").log("connected ${body}").to("mock:connected");
                from("finsify:webhook?fetchTransactions=true"
                     + "&loginSecretResolver=#secrets").routeId("webhook").to("mock:fetched");
                from("finsify:transactions?delay=200&initialFromDate="
                     + LocalDate.now().minusDays(10)).routeId("poll").to("mock:polled");
                from("direct:accounts").routeId("accounts")
                        .to("finsify:accounts");
            }
        });
        context.start();

        String callback = "{\"status\":\"success\",\"login_id\":" + login.loginId() + ",\"secret\":\"" + login.secret()
                          + "\"}";
        assertThat(get("/finsify/connect/" + URLEncoder.encode(callback, StandardCharsets.UTF_8)).statusCode())
                .isEqualTo(200);
        assertThat(get("/finsify/connect?data=" + URLEncoder.encode(callback, StandardCharsets.UTF_8)).statusCode())
                .isEqualTo(200);
        sandbox().addTransactions(login.accountIds().get(0), 2); // webhook with ?token=
        assertThat(post("/finsify/webhook", "application/json", "{\"status\":\"login_account_locked\",\"login_id\":1}",
                Map.of("X-Finsify-Token", WEBHOOK_TOKEN)).statusCode()).isEqualTo(200);
        assertThat(post("/finsify/webhook?token=" + WEBHOOK_TOKEN + "x", "application/json", "{}", Map.of())
                .statusCode()).isEqualTo(401);
        template.requestBody("direct:accounts", null, List.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> getMockEndpoint("mock:fetched").getReceivedCounter() >= 2);

        List<String> shown = new ArrayList<>(logs.lines());
        for (Endpoint endpoint : context.getEndpoints()) {
            shown.add(endpoint.toString()); // what Camel prints; getEndpointUri() is the registry key, never shown
        }
        for (RouteDefinition route
                : ((ModelCamelContext) context).getRouteDefinitions()) {
            shown.add(PluginHelper.getModelToXMLDumper(context).dumpModelAsXml(context, route));
        }
        HealthCheckHelper.invoke(context).forEach(r -> shown.add(r.getDetails() + " " + r.getMessage().orElse("")
                                                                  + r.getError().map(Throwable::toString).orElse("")));
        shown.addAll(jmxEndpointAttributes());

        assertThat(logs.lines()).anySatisfy(line -> assertThat(line).contains("connected ConnectResult"));
        assertThat(shown).anySatisfy(s -> assertThat(s).contains("finsify://transactions"));
        for (String secret : Set.of(login.secret(), WEBHOOK_TOKEN, sandbox().serviceSecret())) {
            assertThat(shown.stream().filter(s -> s.contains(secret)
                                                  || s.contains(URLEncoder.encode(secret, StandardCharsets.UTF_8))))
                    .as("places showing a secret").isEmpty();
        }
    }

    private List<String> jmxEndpointAttributes() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        List<String> values = new ArrayList<>();
        for (ObjectName name : server.queryNames(new ObjectName("org.apache.camel:type=endpoints,*"), null)) {
            values.add(name.toString());
            for (MBeanAttributeInfo attribute : server.getMBeanInfo(name).getAttributes()) {
                try {
                    values.add(String.valueOf(server.getAttribute(name, attribute.getName())));
                } catch (Exception unreadable) {
                    // some attributes need a running consumer; they are not what this test looks for
                }
            }
        }
        assertThat(values).as("Camel's endpoint MBeans").isNotEmpty();
        return values;
    }
}
