package io.github.camelfinsify.consumer;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.github.camelfinsify.sandbox.SandboxLogin;
import io.github.camelfinsify.test.HealthChecks;
import io.github.camelfinsify.test.SettableClock;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.DefaultRegistry;
import org.apache.camel.util.URISupport;
import org.junit.jupiter.api.Test;

import static io.github.camelfinsify.test.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The producers' readiness checks say DOWN, with the reason and without secrets, for wrong credentials, an unreachable
 * API and a login that needs its user, and UP again once that is over.
 */
class ProducerHealthTest extends SandboxConsumerTestSupport {

    private static final String WRONG_SECRET = "wrong-service-secret-4f1d9a";

    /** The component's clock: the checks reuse the API's answer until it moves past healthCheckInterval. */
    private final SettableClock clock = new SettableClock(Instant.now());

    @Override
    public boolean isUseRouteBuilder() {
        return false;
    }

    @Override
    protected Registry createCamelRegistry() throws Exception {
        Registry registry = new DefaultRegistry();
        registry.bind("clock", clock);
        return registry;
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        HealthChecks.enableProducers(context);
        return context;
    }

    private void routes(String loginSecret) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:good").routeId("good").to("finsify:services");
                from("direct:wrong").routeId("wrong").to("finsify:accounts?serviceSecret=" + WRONG_SECRET);
                from("direct:down").routeId("down").to("finsify:accounts?baseUrl=http://127.0.0.1:9/v2&maxRetries=0");
                from("direct:login").routeId("login")
                        .to("finsify:refreshLogin?loginSecret=RAW(" + loginSecret + ")");
                from("finsify:webhook?webhookToken=" + WEBHOOK_TOKEN).to("mock:events");
            }
        });
        context.start();
    }

    private HealthCheck.Result check(String route) {
        HealthCheck.Result result = HealthCheckHelper.invokeReadiness(context).stream()
                .filter(r -> String.valueOf(r.getDetails().get(HealthCheck.ENDPOINT_URI))
                        .startsWith(URISupport.sanitizeUri(routeTarget(route))))
                .findFirst().orElseThrow();
        String shown = result.getMessage().orElse("") + result.getError().map(Throwable::toString).orElse("")
                       + result.getDetails();
        assertThat(shown).doesNotContain(WRONG_SECRET, sandbox().serviceSecret());
        return result;
    }

    private String routeTarget(String route) {
        return switch (route) {
            case "good" -> "finsify://services";
            case "wrong" -> "finsify://accounts?serviceSecret";
            case "down" -> "finsify://accounts?baseUrl";
            default -> "finsify://refreshLogin";
        };
    }

    @Test
    void goodCredentialsAreUp() throws Exception {
        routes(sandbox().connectLogin("user_good").secret());

        assertThat(check("good").getState()).isEqualTo(HealthCheck.State.UP);
    }

    @Test
    void wrongCredentialsAreDownWithTheReason() throws Exception {
        routes(sandbox().connectLogin("user_good").secret());

        HealthCheck.Result result = check("wrong");

        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(result.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("refused the partner's credentials"));
    }

    @Test
    void unreachableApiIsDownWithTheReason() throws Exception {
        routes(sandbox().connectLogin("user_good").secret());

        HealthCheck.Result result = check("down");

        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(result.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("unreachable"));
    }

    @Test
    void serverErrorIsDownThenUpAfterRecovery() throws Exception {
        routes(sandbox().connectLogin("user_good").secret());
        sandbox().injectFault("503", 1);

        assertThat(check("good").getState()).isEqualTo(HealthCheck.State.DOWN);
        clock.advance(Duration.ofSeconds(30));
        assertThat(check("good").getState()).isEqualTo(HealthCheck.State.UP);
    }

    @Test
    void loginNeedingItsUserIsDownUntilItReconnects() throws Exception {
        SandboxLogin login = sandbox().connectLogin("user_good");
        routes(login.secret());
        assertThat(check("login").getState()).isEqualTo(HealthCheck.State.UP);

        assertThat(post("/finsify/webhook", "application/json",
                "{\"status\":\"login_wrong_credentials\",\"login_id\":" + login.loginId() + "}",
                Map.of("X-Finsify-Token", WEBHOOK_TOKEN)).statusCode()).isEqualTo(200);

        HealthCheck.Result result = check("login");
        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(result.getMessage()).hasValueSatisfying(m -> assertThat(m)
                .contains("Login " + login.loginId() + " needs its user", "login_wrong_credentials")
                .doesNotContain(login.secret()));

        // new data for the login shows it works again
        assertThat(post("/finsify/webhook", "application/json", json("webhook-new-transactions")
                .replace("21000", String.valueOf(login.loginId())), Map.of("X-Finsify-Token", WEBHOOK_TOKEN))
                .statusCode()).isEqualTo(200);
        assertThat(check("login").getState()).isEqualTo(HealthCheck.State.UP);
    }
}
