package io.github.camelfinsify;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.camelfinsify.model.FinsifyEvent;
import io.github.camelfinsify.model.LoginStatusEvent;
import io.github.camelfinsify.model.NewTransactionsEvent;
import io.github.camelfinsify.model.UnknownEvent;
import io.github.camelfinsify.webhook.PresentedToken;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.ExceptionHandler;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.LoggingExceptionHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property-based fuzzing of webhook intake: over 10,000 generated bodies per property, bad input never gets a 5xx and
 * is never delivered, and a valid event is delivered as sent, whatever came before it.
 */
class WebhookFuzzTest {

    private static final String TOKEN = "fuzz-token-0123456789";
    private static final Set<Integer> CLIENT_ERRORS = Set.of(400, 413, 415);

    private static CamelContext context;
    private static FinsifyWebhookHandler handler;
    private static final List<FinsifyEvent> delivered = new CopyOnWriteArrayList<>();

    @BeforeContainer
    static void start() {
        context = new DefaultCamelContext();
        context.start();
        FinsifyEndpoint endpoint = context.getEndpoint("finsify:webhook?clientId=c&serviceSecret=s&maxBodySize=65536"
                                                       + "&webhookToken=" + TOKEN, FinsifyEndpoint.class);
        handler = new FinsifyWebhookHandler(endpoint, new EventDelivery() {
            @Override
            public Exchange newExchange() {
                return new DefaultExchange(context);
            }

            @Override
            public void process(Exchange exchange) {
                delivered.add(exchange.getIn().getBody(FinsifyEvent.class));
            }

            @Override
            public void release(Exchange exchange) {
            }

            @Override
            public ExceptionHandler exceptionHandler() {
                return new LoggingExceptionHandler(context, WebhookFuzzTest.class);
            }
        });
    }

    @AfterContainer
    static void stop() {
        context.stop();
    }

    private static Exchange post(String contentType, byte[] body) {
        Exchange exchange = new DefaultExchange(context);
        exchange.getIn().setHeader(PresentedToken.HEADER, TOKEN);
        exchange.getIn().setHeader(Exchange.CONTENT_TYPE, contentType);
        exchange.getIn().setHeader(Exchange.CONTENT_LENGTH, (long) body.length);
        exchange.getIn().setBody(body);
        handler.process(exchange);
        return exchange;
    }

    private static int status(Exchange exchange) {
        return exchange.getIn().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
    }

    @Property(tries = 10_000)
    void anyBodyGetsAClientErrorOrIsDeliveredAsAValidEvent(@ForAll("hostileBodies") String body) {
        int before = delivered.size();

        Exchange response = post("application/json", body.getBytes(StandardCharsets.UTF_8));

        int status = status(response);
        assertThat(status).isLessThan(500);
        if (status == 200) {
            if (response.getIn().getBody(String.class).contains("duplicate")) {
                assertThat(delivered).hasSize(before);
            } else {
                assertThat(delivered).hasSize(before + 1);
                assertValid(delivered.get(delivered.size() - 1));
            }
        } else {
            assertThat(status).isIn(CLIENT_ERRORS);
            assertThat(delivered).hasSize(before);
            assertThat(response.getIn().getBody(String.class)).startsWith("{\"error\":");
        }
    }

    @Property(tries = 10_000)
    void validEventIsDeliveredAsSentAfterAnyBadInput(@ForAll("hostileBodies") String noise,
                                                     @ForAll("validEvents") NewTransactionsEvent event) {
        post("text/plain", noise.getBytes(StandardCharsets.UTF_8));
        post("application/json", noise.getBytes(StandardCharsets.UTF_8));
        int before = delivered.size();

        Exchange response = post("application/json; charset=utf-8", json(event).getBytes(StandardCharsets.UTF_8));

        assertThat(status(response)).isEqualTo(200);
        assertThat(delivered).hasSize(before + 1);
        // as sent, an account named twice listed once
        assertThat(delivered.get(delivered.size() - 1)).isEqualTo(new NewTransactionsEvent(event.loginId(),
                event.timestamp(), event.accountIds().stream().distinct().toList(), event.newCount(),
                event.referenceId()));
    }

    private static void assertValid(FinsifyEvent event) {
        assertThat(event).isNotNull();
        if (event instanceof NewTransactionsEvent n) {
            assertThat(n.accountIds()).doesNotContainNull();
            assertThat(n.newCount()).isNotNegative();
        } else if (event instanceof LoginStatusEvent s) {
            assertThat(s.status()).isNotNull();
            assertThat(s.rawStatus()).isNotNull();
        } else {
            assertThat(((UnknownEvent) event).payload().isObject()).isTrue();
        }
    }

    private static String json(NewTransactionsEvent event) {
        StringBuilder accounts = new StringBuilder();
        for (Long id : event.accountIds()) {
            accounts.append(accounts.length() == 0 ? "" : ",").append("{\"id\":").append(id).append('}');
        }
        return "{\"login_id\":" + event.loginId() + ",\"timestamp\":" + event.timestamp().toEpochMilli()
               + ",\"accounts\":[" + accounts + "],\"new\":" + event.newCount() + ",\"referenceId\":\""
               + event.referenceId() + "\"}";
    }

    @Provide
    Arbitrary<NewTransactionsEvent> validEvents() {
        return Combinators.combine(
                Arbitraries.longs().between(1, Long.MAX_VALUE),
                Arbitraries.longs().between(0, 4_102_444_800_000L),
                Arbitraries.longs().between(1, Long.MAX_VALUE).list().ofMaxSize(5),
                Arbitraries.integers().between(0, 10_000),
                Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(24))
                .as((login, ts, accounts, count, ref) -> new NewTransactionsEvent(login,
                        Instant.ofEpochMilli(ts), accounts, count, ref + "-" + System.nanoTime()));
    }

    @Provide
    Arbitrary<String> hostileBodies() {
        Arbitrary<String> values = Arbitraries.oneOf(
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.strings().ofMaxLength(12).map(s -> "\"" + s.replace("\\", "").replace("\"", "") + "\""),
                Arbitraries.of("null", "true", "[]", "{}", "1e400", "-0", "123456789012345678901234567890",
                        "[{\"id\":\"x\"}]", "[{\"id\":1.5}]", "[1,2]", "{\"id\":1}"));
        Arbitrary<String> fields = Arbitraries.of("login_id", "timestamp", "accounts", "new", "referenceId", "status",
                "id", "secret", "\u0000", "");
        Arbitrary<String> objects = Combinators.combine(fields, values).as((k, v) -> "\"" + k + "\":" + v)
                .list().ofMaxSize(6).map(members -> "{" + String.join(",", members) + "}");
        Arbitrary<String> nested = Arbitraries.integers().between(1, 3_000)
                .map(depth -> "[".repeat(depth) + "]".repeat(depth));
        Arbitrary<String> mutated = Combinators.combine(objects, Arbitraries.integers().between(0, 200),
                Arbitraries.chars()).as((json, at, c) -> {
                    int i = Math.min(at, json.length());
                    return json.substring(0, i) + c + json.substring(Math.min(i + 1, json.length()));
                });
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, objects),
                net.jqwik.api.Tuple.of(3, mutated),
                net.jqwik.api.Tuple.of(1, nested),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().ofMaxLength(200)),
                net.jqwik.api.Tuple.of(1, values));
    }
}
