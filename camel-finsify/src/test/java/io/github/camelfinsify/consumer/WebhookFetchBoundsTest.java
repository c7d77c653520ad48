package io.github.camelfinsify.consumer;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.camelfinsify.FinsifyConstants;
import io.github.camelfinsify.FinsifyEventRejectedException;
import io.github.camelfinsify.FinsifyLoginSecretResolver;
import io.github.camelfinsify.model.NewTransactionsEvent;
import io.github.camelfinsify.sandbox.SandboxLogin;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A webhook with {@code fetchTransactions} answers within a bounded time, and an event that can never succeed is
 * answered so that the sender stops, and handed to the route's error handling instead of being retried forever.
 */
class WebhookFetchBoundsTest extends SandboxConsumerTestSupport {

    private static final String FETCHING_WEBHOOK = "finsify:webhook?webhookToken=" + WEBHOOK_TOKEN
                                                   + "&fetchTransactions=true&loginSecretResolver=#secrets";

    @Override
    public boolean isUseRouteBuilder() {
        return false;
    }

    private HttpResponse<String> postEvent(long loginId, long accountId, String referenceId) throws Exception {
        String body = "{\"login_id\":" + loginId + ",\"timestamp\":1467331200000,\"accounts\":[{\"id\":" + accountId
                      + "}],\"new\":1,\"referenceId\":\"" + referenceId + "\"}";
        return post("/finsify/webhook", "application/json", body, Map.of("X-Finsify-Token", WEBHOOK_TOKEN));
    }

    private MockEndpoint dead() {
        return getMockEndpoint("mock:dead");
    }

    @Test
    void aWebhookForAnAccountBeingSyncedIsAskedToComeAgainAndItsRetryIsProcessed() throws Exception {
        SandboxLogin login = sandbox().connectLogin("user_good");
        long accountId = login.accountIds().get(0);
        context.getRegistry().bind("secrets", (FinsifyLoginSecretResolver) id -> login.secret());
        CountDownLatch polling = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("finsify:transactions?loginSecret=RAW(" + login.secret() + ")&accountId=" + accountId
                     + "&initialFromDate=" + LocalDate.now().minusDays(20) + "&delay=100&initialDelay=0")
                        .process(e -> {
                            polling.countDown();
                            release.await(30, TimeUnit.SECONDS); // holds the account's sync for its whole batch
                        });
                from(FETCHING_WEBHOOK + "&initialFromDate=" + LocalDate.now().minusDays(20)).to("mock:fetched");
            }
        });
        context.start();
        assertThat(polling.await(10, TimeUnit.SECONDS)).isTrue();

        HttpResponse<String> whileSyncing = postEvent(login.loginId(), accountId, "ref-busy");

        assertThat(whileSyncing.statusCode()).isEqualTo(503);
        assertThat(whileSyncing.headers().firstValue("Retry-After")).hasValue("10");
        release.countDown();
        sandbox().addTransactions(accountId, 1);
        assertThat(postEvent(login.loginId(), accountId, "ref-busy").statusCode()).isEqualTo(200);
    }

    @Test
    void anEventOfALoginTheResolverDoesNotKnowStopsTheSenderAndReachesTheDeadLetterChannel() throws Exception {
        context.getRegistry().bind("secrets", (FinsifyLoginSecretResolver) id -> null);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(deadLetterChannel("mock:dead"));
                from(FETCHING_WEBHOOK + "&bridgeErrorHandler=true").to("mock:fetched");
            }
        });
        context.start();

        HttpResponse<String> response = postEvent(424242, 19316, "ref-unknown-login");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("rejected");
        assertThat(dead().getReceivedCounter()).isEqualTo(1);
        Exchange rejected = dead().getReceivedExchanges().get(0);
        assertThat(rejected.getIn().getHeader(FinsifyConstants.EVENT, NewTransactionsEvent.class).loginId())
                .isEqualTo(424242);
        assertThat(rejected.getProperty(Exchange.EXCEPTION_CAUGHT)).isInstanceOf(FinsifyEventRejectedException.class);
        assertThat(getMockEndpoint("mock:fetched").getReceivedCounter()).isZero();
    }

    @Test
    void anEventNamingAnotherLoginsAccountStopsTheSenderAndReachesTheDeadLetterChannel() throws Exception {
        SandboxLogin login = sandbox().connectLogin("user_good");
        SandboxLogin other = sandbox().connectLogin("user_good");
        context.getRegistry().bind("secrets", (FinsifyLoginSecretResolver) id -> login.secret());
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(deadLetterChannel("mock:dead"));
                from(FETCHING_WEBHOOK + "&bridgeErrorHandler=true").to("mock:fetched");
            }
        });
        context.start();

        HttpResponse<String> response = postEvent(login.loginId(), other.accountIds().get(0), "ref-foreign");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("rejected");
        assertThat(dead().getReceivedCounter()).isEqualTo(1);
        assertThat(dead().getReceivedExchanges().get(0).getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class))
                .hasMessageContaining("AccountNotFound").hasMessageNotContaining(login.secret());
    }
}
