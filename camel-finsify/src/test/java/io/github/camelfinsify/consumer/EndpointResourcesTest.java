package io.github.camelfinsify.consumer;

import java.util.List;
import java.util.Map;

import io.github.camelfinsify.FinsifyLoginSecretResolver;
import org.apache.camel.Endpoint;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.junit.jupiter.api.Test;

import static io.github.camelfinsify.test.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an endpoint starts, it stops: the state and idempotent repositories it started (a repository several endpoints
 * use stays up until the last of them stops), and the platform-http endpoint its webhook or connect consumer created.
 */
class EndpointResourcesTest extends SandboxConsumerTestSupport {

    private final MemoryStateRepository syncState = new MemoryStateRepository();
    private final MemoryIdempotentRepository events = new MemoryIdempotentRepository();
    private final FinsifyLoginSecretResolver secrets = loginId -> "unused-in-these-tests";

    @Override
    public boolean isUseRouteBuilder() {
        return false;
    }

    private void routes(boolean polling, boolean webhook) throws Exception {
        context.getRegistry().bind("syncState", syncState);
        context.getRegistry().bind("events", events);
        context.getRegistry().bind("secrets", secrets);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                if (polling) {
                    // no poll during the test: only the consumer's start and stop matter here
                    from("finsify:transactions?loginSecret=RAW(unused-login-secret)&stateRepository=#syncState"
                         + "&initialDelay=3600000").routeId("polling").to("mock:polled");
                }
                if (webhook) {
                    from("finsify:webhook?webhookToken=" + WEBHOOK_TOKEN + "&idempotentRepository=#events"
                         + "&fetchTransactions=true&loginSecretResolver=#secrets&stateRepository=#syncState")
                            .routeId("webhook").to("mock:events");
                }
            }
        });
        context.start();
    }

    private void remove(String routeId) throws Exception {
        context.getRouteController().stopRoute(routeId);
        context.removeRoute(routeId);
    }

    @Test
    void stoppingTheContextStopsTheRepositoriesTheEndpointsStarted() throws Exception {
        routes(true, true);
        assertThat(syncState.isStarted()).isTrue();
        assertThat(events.isStarted()).isTrue();

        context.stop();

        assertThat(syncState.isStopped()).isTrue();
        assertThat(events.isStopped()).isTrue();
    }

    @Test
    void removingARouteStopsTheRepositoryOnlyItsEndpointUsed() throws Exception {
        routes(false, true);

        remove("webhook");

        assertThat(events.isStopped()).isTrue();
        assertThat(syncState.isStopped()).isTrue();
    }

    @Test
    void aRepositoryTwoEndpointsUseStaysStartedUntilTheLastStops() throws Exception {
        routes(true, true);

        remove("polling");
        assertThat(syncState.isStarted()).isTrue();

        remove("webhook");
        assertThat(syncState.isStopped()).isTrue();
    }

    @Test
    void stoppingAWebhookRouteRemovesThePlatformHttpEndpointItCreated() throws Exception {
        routes(false, true);
        assertThat(platformHttpEndpoints()).hasSize(1);

        context.getRouteController().stopRoute("webhook");

        assertThat(platformHttpEndpoints()).isEmpty();
        assertThat(post("/finsify/webhook", "application/json", json("webhook-login-status"),
                Map.of("X-Finsify-Token", WEBHOOK_TOKEN)).statusCode()).isEqualTo(404);
    }

    @Test
    void aRestartedWebhookRouteAnswersAgain() throws Exception {
        routes(false, true);
        context.getRouteController().stopRoute("webhook");

        context.getRouteController().startRoute("webhook");

        assertThat(platformHttpEndpoints()).hasSize(1);
        assertThat(post("/finsify/webhook", "application/json", json("webhook-login-status"),
                Map.of("X-Finsify-Token", WEBHOOK_TOKEN)).statusCode()).isEqualTo(200);
    }

    private List<Endpoint> platformHttpEndpoints() {
        return context.getEndpoints().stream().filter(e -> e.getEndpointUri().startsWith("platform-http:")).toList();
    }
}
