package io.github.camelfinsify.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.camelfinsify.FinsifyConstants;
import io.github.camelfinsify.FinsifyLoginSecretResolver;
import io.github.camelfinsify.client.FinsifyErrorCode;
import io.github.camelfinsify.sandbox.SandboxLogin;
import io.github.camelfinsify.sandbox.SandboxTransaction;
import io.github.camelfinsify.sandbox.WebhookDelivery;
import org.apache.camel.Exchange;
import org.apache.camel.spi.ExceptionHandler;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The webhook consumer with {@code fetchTransactions=true} while the sandbox fails the fetches: the consumer answers
 * 5xx, the sandbox sends the event again, and once the faults stop every transaction of the window has been
 * delivered, none twice.
 */
class WebhookFetchUnderFaultsTest extends FeedFaultTestSupport {

    /** What the consumer reports when an event could not be processed (it then answers 500). */
    static final class CountingExceptionHandler implements ExceptionHandler {
        final FailureCodes failures = new FailureCodes();

        @Override
        public void handleException(Throwable exception) {
            failures.record(exception);
        }

        @Override
        public void handleException(String message, Throwable exception) {
            failures.record(exception);
        }

        @Override
        public void handleException(String message, Exchange exchange, Throwable exception) {
            failures.record(exception);
        }
    }

    @Test
    void everyAnnouncedTransactionIsDeliveredOnceWhenFaultsMakeTheWebhookAnswer5xx() throws Exception {
        SandboxLogin login = sandbox().connectLogin("user_good");
        long accountId = login.accountIds().get(0);
        Map<Long, String> secrets = new ConcurrentHashMap<>(Map.of(login.loginId(), login.secret()));
        context.getRegistry().bind("secrets", (FinsifyLoginSecretResolver) secrets::get);
        CountingExceptionHandler handler = new CountingExceptionHandler();
        context.getRegistry().bind("countingExceptionHandler", handler);
        route("finsify:webhook?webhookToken=RAW(" + WEBHOOK_TOKEN + ")&fetchTransactions=true"
              + "&loginSecretResolver=#secrets&initialFromDate=" + windowStart()
              + "&exceptionHandler=#countingExceptionHandler");

        List<SandboxTransaction> added = new ArrayList<>();
        int faults = 0;
        int events = 0;
        // one event per fault type, its fetch failing 1 + maxRetries times: the consumer answers 500 once, the
        // sandbox's retry gets 200 (the first event also backfills the window)
        for (String type : FAULT_TYPES) {
            inject(type, 1 + MAX_RETRIES);
            faults += 1 + MAX_RETRIES;
            added.addAll(sandbox().addTransactions(accountId, 2));
            int finished = ++events;
            await().atMost(Duration.ofSeconds(20)).until(() -> sandbox().webhookDeliveries().size() >= finished);
        }
        // then one of each type in a row: two fetches use them up, three each, so the event is answered 500 twice
        for (String type : FAULT_TYPES) {
            inject(type, 1);
            faults++;
        }
        added.addAll(sandbox().addTransactions(accountId, 2));
        int finished = ++events;
        await().atMost(Duration.ofSeconds(20)).until(() -> sandbox().webhookDeliveries().size() >= finished);

        List<Long> window = sandboxWindow(accountId);
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveredAddedIds().containsAll(window));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> deliveredAddedIds().size() == window.size());

        List<WebhookDelivery> deliveries = sandbox().webhookDeliveries();
        int attempts = deliveries.stream().mapToInt(WebhookDelivery::attempts).sum();
        List<Long> ids = deliveredAddedIds();
        System.out.println("RELIABILITY: webhook fetchTransactions under faults: " + faults + " faults injected, "
                           + deliveries.size() + " events, " + attempts + " webhook attempts (" + (attempts
                           - deliveries.size()) + " sandbox retries after a 5xx), " + handler.failures.total()
                           + " failed fetches " + handler.failures + ", " + retryCounter.retries()
                           + " client retries, " + ids.size() + " transactions delivered of " + window.size()
                           + " in the sandbox's window (" + added.size() + " added during the faults), "
                           + duplicates(ids) + " duplicates");
        assertThat(ids).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(window);
        assertThat(ids).containsAll(added.stream().map(SandboxTransaction::id).toList());
        assertThat(delivered).hasSize(window.size());
        assertThat(delivered).allSatisfy(e -> assertThat(e.getIn().getHeader(FinsifyConstants.EVENT)).isNotNull());
        // every event got through in the end, each after as many 5xx answers as bursts it met
        assertThat(deliveries).hasSize(events).allSatisfy(d -> assertThat(d.delivered()).isTrue());
        assertThat(deliveries.subList(0, FAULT_TYPES.size()))
                .allSatisfy(d -> assertThat(d.attempts()).as("attempts of %s", d.body()).isEqualTo(2));
        assertThat(deliveries.get(FAULT_TYPES.size()).attempts()).isEqualTo(3);
        assertThat(handler.failures.other()).isZero();
        assertThat(handler.failures.byCode()).isEqualTo(Map.of(
                FinsifyErrorCode.SERVER_MAINTENANCE, 1,
                FinsifyErrorCode.INTERNAL_ERROR, 1,
                FinsifyErrorCode.RATE_LIMITED, 1 + 1,
                FinsifyErrorCode.NETWORK, 3 + 1));
    }
}
