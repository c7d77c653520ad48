package io.github.camelfinsify;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.github.camelfinsify.test.HealthChecks;
import io.github.camelfinsify.test.SettableClock;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.DefaultRegistry;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.camelfinsify.test.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A readiness probe does not turn into API traffic: the producers' check asks the API at most once per
 * {@code healthCheckInterval} (30 s by default), and producer endpoints with the same client and login share that
 * answer.
 */
class ProducerHealthCheckIntervalTest extends FinsifyWireMockTestSupport {

    private final SettableClock clock = new SettableClock(Instant.parse("2026-03-10T08:00:00Z"));

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

    private void producers(String... uris) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                for (int i = 0; i < uris.length; i++) {
                    from("direct:p" + i).to(uris[i]);
                }
            }
        });
        context.start();
    }

    private List<HealthCheck.State> readiness() {
        return HealthCheckHelper.invokeReadiness(context).stream()
                .filter(r -> r.getCheck().getId().startsWith("producer:finsify"))
                .map(HealthCheck.Result::getState).toList();
    }

    /** What the API answers the probe's made-up login secret once it accepted the partner's credentials. */
    private static ResponseDefinitionBuilder loginNotFound() {
        return notFound().withHeader("content-type", "application/json").withBody(json("login-not-found"));
    }

    private int accountCalls() {
        return api.findAll(getRequestedFor(urlPathEqualTo("/v2/account"))).size();
    }

    @Test
    void tenChecksWithinTheIntervalMakeOneApiCall() throws Exception {
        api.stubFor(get("/v2/account").willReturn(loginNotFound()));
        producers("finsify:accounts");

        for (int i = 0; i < 10; i++) {
            assertThat(readiness()).containsExactly(HealthCheck.State.UP);
            clock.advance(Duration.ofSeconds(2));
        }

        assertThat(accountCalls()).isEqualTo(1);
    }

    @Test
    void aCheckAfterTheIntervalAsksTheApiAgain() throws Exception {
        api.stubFor(get("/v2/account").willReturn(serverError()));
        producers("finsify:accounts");
        assertThat(readiness()).containsExactly(HealthCheck.State.DOWN);

        api.stubFor(get("/v2/account").willReturn(loginNotFound()));
        clock.advance(Duration.ofSeconds(29));
        assertThat(readiness()).containsExactly(HealthCheck.State.DOWN);
        clock.advance(Duration.ofSeconds(1));
        assertThat(readiness()).containsExactly(HealthCheck.State.UP);

        assertThat(accountCalls()).isEqualTo(2);
    }

    @Test
    void producerEndpointsWithTheSameClientAndLoginShareOneCall() throws Exception {
        api.stubFor(get("/v2/account").willReturn(okJson(json("accounts"))));
        producers("finsify:accounts?loginSecret=RAW(" + LOGIN_SECRET + ")",
                "finsify:refreshLogin?loginSecret=RAW(" + LOGIN_SECRET + ")",
                "finsify:services");

        assertThat(readiness()).containsExactly(HealthCheck.State.UP, HealthCheck.State.UP, HealthCheck.State.UP);

        // one probe with the login's secret, one with none
        assertThat(accountCalls()).isEqualTo(2);
    }

    @Test
    void anIntervalOfZeroAsksOnEveryCheck() throws Exception {
        api.stubFor(get("/v2/account").willReturn(loginNotFound()));
        producers("finsify:accounts?healthCheckInterval=0");

        for (int i = 0; i < 3; i++) {
            assertThat(readiness()).containsExactly(HealthCheck.State.UP);
        }

        assertThat(accountCalls()).isEqualTo(3);
    }
}
