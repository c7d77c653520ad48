package io.github.camelfinsify.reliability;

import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.camelfinsify.ChangeType;
import io.github.camelfinsify.FinsifyConfiguration;
import io.github.camelfinsify.FinsifyConstants;
import io.github.camelfinsify.client.FinsifyApiException;
import io.github.camelfinsify.client.FinsifyErrorCode;
import io.github.camelfinsify.model.Transaction;
import io.github.camelfinsify.sandbox.FinsifySandbox;
import io.github.camelfinsify.sandbox.FinsifySandboxExtension;
import io.github.camelfinsify.sandbox.SandboxTransaction;
import io.github.camelfinsify.test.SandboxCamel;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.AvailablePortFinder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A Camel context with a platform-http server on a free port and a fresh sandbox per test whose webhooks point at it,
 * the component set up for fault tests (short retry delay and response time-out), and the bookkeeping of what the
 * feed delivered.
 */
abstract class FeedFaultTestSupport extends CamelTestSupport {

    static final String WEBHOOK_TOKEN = "whk-reliability-3c9e1f7a-52b4-4d08-9a6e-0f1d2c3b4a59";
    static final int WINDOW_DAYS = 20;
    static final int MAX_RETRIES = 2;
    static final long RESPONSE_TIMEOUT_MS = 1_500; // generous: a loaded 2-core CI machine must not time out normal answers
    static final long DELAY_MS = 3_500;
    /** Every fault type of the sandbox. */
    static final List<String> FAULT_TYPES = List.of("503", "500", "429", "delay", "reset", "malformed");

    @RegisterExtension
    final FinsifySandboxExtension sandboxExtension = new FinsifySandboxExtension(b -> b
            .refreshCooldown(Duration.ZERO)
            .webhookMaxAttempts(8)
            .webhookRetryDelay(Duration.ofMillis(50)));

    final int httpPort = AvailablePortFinder.getNextAvailable();
    final List<Exchange> delivered = new CopyOnWriteArrayList<>();
    ClientRetryCounter retryCounter;

    @Override
    public boolean isUseRouteBuilder() {
        return false;
    }

    FinsifySandbox sandbox() {
        return sandboxExtension.sandbox();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        retryCounter = new ClientRetryCounter(context);
        FinsifyConfiguration configuration = SandboxCamel.wire(context, sandbox(), httpPort, WEBHOOK_TOKEN);
        configuration.setMaxRetries(MAX_RETRIES);
        configuration.setRetryDelay(10);
        configuration.setResponseTimeout(RESPONSE_TIMEOUT_MS);
        return context;
    }

    /** Adds a route that records each exchange, and starts the context (the test support leaves that to us). */
    void route(String from) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(from).process(delivered::add);
            }
        });
        context.start();
    }

    /** Injects {@code count} faults of a type; a delay fault waits past the component's response time-out. */
    void inject(String type, int count) {
        sandbox().injectFault(type, count, type.equals("delay") ? DELAY_MS : 0);
    }

    static LocalDate windowStart() {
        return LocalDate.now().minusDays(WINDOW_DAYS);
    }

    /** The sandbox's truth: the ids of the account's transactions dated inside the window. */
    List<Long> sandboxWindow(long accountId) {
        LocalDate from = windowStart();
        return sandbox().transactions(accountId).stream().filter(t -> !t.date().isBefore(from))
                .map(SandboxTransaction::id).toList();
    }

    List<Long> deliveredAddedIds() {
        return delivered.stream().filter(e -> e.getIn().getHeader(FinsifyConstants.CHANGE_TYPE) == ChangeType.ADDED)
                .map(e -> e.getIn().getBody(Transaction.class).id()).toList();
    }

    static int duplicates(List<Long> ids) {
        return ids.size() - (int) ids.stream().distinct().count();
    }

    /** The {@link FinsifyApiException} in a failure's cause chain, if any. */
    static FinsifyApiException apiException(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof FinsifyApiException e) {
                return e;
            }
        }
        return null;
    }

    /** Failures by error code, for the report line. */
    static final class FailureCodes {
        private final Map<FinsifyErrorCode, Integer> counts = new EnumMap<>(FinsifyErrorCode.class);
        private int other;

        synchronized void record(Throwable failure) {
            FinsifyApiException e = apiException(failure);
            if (e == null) {
                other++;
            } else {
                counts.merge(e.errorCode(), 1, Integer::sum);
            }
        }

        synchronized int total() {
            return counts.values().stream().mapToInt(Integer::intValue).sum() + other;
        }

        synchronized Map<FinsifyErrorCode, Integer> byCode() {
            return new EnumMap<>(counts);
        }

        synchronized int other() {
            return other;
        }

        @Override
        public synchronized String toString() {
            return counts + (other > 0 ? " + " + other + " not FinsifyApiException" : "");
        }
    }
}
