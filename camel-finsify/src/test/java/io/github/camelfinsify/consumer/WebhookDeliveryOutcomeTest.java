package io.github.camelfinsify.consumer;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import static io.github.camelfinsify.test.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The webhook's answer follows the route's outcome as Camel's completion machinery decides it: a sender gets a 2xx
 * only for an event that the route processed, and never for a retry that arrives while the first delivery runs.
 */
class WebhookDeliveryOutcomeTest extends SandboxConsumerTestSupport {

    @Override
    public boolean isUseRouteBuilder() {
        return false;
    }

    private void route(RouteBuilder builder) throws Exception {
        context.addRoutes(builder);
        context.start();
    }

    private HttpResponse<String> postEvent(String body) throws Exception {
        return post("/finsify/webhook", "application/json", body, Map.of("X-Finsify-Token", WEBHOOK_TOKEN));
    }

    private MockEndpoint events() {
        return getMockEndpoint("mock:events");
    }

    @Test
    void retryWhileTheFirstDeliveryRunsIsNotAcknowledgedAndTheRetryAfterItsFailureIsProcessed() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger attempts = new AtomicInteger();
        route(new RouteBuilder() {
            @Override
            public void configure() {
                from("finsify:webhook?webhookToken=" + WEBHOOK_TOKEN)
                        .process(e -> {
                            if (attempts.incrementAndGet() == 1) {
                                entered.countDown();
                                release.await(30, TimeUnit.SECONDS);
                                throw new IllegalStateException("the database is down");
                            }
                        })
                        .to("mock:events");
            }
        });
        String body = json("webhook-new-transactions");
        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> {
            try {
                return postEvent(body);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        HttpResponse<String> retryWhileRunning = postEvent(body);

        assertThat(retryWhileRunning.statusCode()).isEqualTo(503);
        assertThat(retryWhileRunning.headers().firstValue("Retry-After")).isPresent();
        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(500);

        HttpResponse<String> retryAfterFailure = postEvent(body);

        assertThat(retryAfterFailure.statusCode()).isEqualTo(200);
        assertThat(retryAfterFailure.body()).contains("processed");
        assertThat(events().getReceivedCounter()).isEqualTo(1);
    }

    @Test
    void anErrorHandledInTheRouteIsAcknowledged() throws Exception {
        route(new RouteBuilder() {
            @Override
            public void configure() {
                onException(IllegalStateException.class).handled(true).to("mock:handled");
                from("finsify:webhook?webhookToken=" + WEBHOOK_TOKEN)
                        .throwException(new IllegalStateException("the database is down"));
            }
        });

        HttpResponse<String> response = postEvent(json("webhook-new-transactions"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(getMockEndpoint("mock:handled").getReceivedCounter()).isEqualTo(1);
    }

    @Test
    void anErrorContinuedInTheRouteIsAcknowledged() throws Exception {
        route(new RouteBuilder() {
            @Override
            public void configure() {
                onException(IllegalStateException.class).continued(true);
                from("finsify:webhook?webhookToken=" + WEBHOOK_TOKEN)
                        .throwException(new IllegalStateException("a field could not be enriched"))
                        .to("mock:events");
            }
        });

        HttpResponse<String> response = postEvent(json("webhook-new-transactions"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(events().getReceivedCounter()).isEqualTo(1);
    }

    @Test
    void aRollbackInTheRouteIsNotAcknowledgedAndTheEventComesAgain() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        route(new RouteBuilder() {
            @Override
            public void configure() {
                from("finsify:webhook?webhookToken=" + WEBHOOK_TOKEN)
                        .choice().when(e -> attempts.incrementAndGet() == 1).rollback("not now").end()
                        .to("mock:events");
            }
        });
        String body = json("webhook-new-transactions");

        assertThat(postEvent(body).statusCode()).isEqualTo(500);
        assertThat(postEvent(body).statusCode()).isEqualTo(200);
        assertThat(events().getReceivedCounter()).isEqualTo(1);
    }

    @Test
    void anExchangeMarkedRollbackOnlyIsNotAcknowledged() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        route(new RouteBuilder() {
            @Override
            public void configure() {
                from("finsify:webhook?webhookToken=" + WEBHOOK_TOKEN)
                        .choice().when(e -> attempts.incrementAndGet() == 1).markRollbackOnly().end()
                        .to("mock:events");
            }
        });
        String body = json("webhook-new-transactions");

        assertThat(postEvent(body).statusCode()).isEqualTo(500);
        await().atMost(Duration.ofSeconds(5)).until(() -> postEvent(body).statusCode() == 200);
        assertThat(events().getReceivedCounter()).isEqualTo(1);
    }
}
