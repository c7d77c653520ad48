package io.github.camelfinsify;

import java.nio.charset.StandardCharsets;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.ExceptionHandler;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.LoggingExceptionHandler;
import org.apache.camel.support.service.ServiceSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.github.camelfinsify.test.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A shared idempotent repository that fails (a database down) gets the sender a 503 to retry, not an error page, and
 * the event is not delivered.
 */
class WebhookIdempotentRepositoryFailureTest {

    private final CamelContext context = new DefaultCamelContext();

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void failingIdempotentRepositoryAnswers503AndDeliversNothing() {
        context.start();
        context.getRegistry().bind("downRepository", new DownRepository());
        FinsifyEndpoint endpoint = context.getEndpoint("finsify:webhook?idempotentRepository=#downRepository&webhookToken=idem-token-1234",
                FinsifyEndpoint.class);
        int[] delivered = { 0 };
        FinsifyWebhookHandler handler = new FinsifyWebhookHandler(endpoint, new EventDelivery() {
            @Override
            public Exchange newExchange() {
                return new DefaultExchange(context);
            }

            @Override
            public void process(Exchange exchange) {
                delivered[0]++;
            }

            @Override
            public void release(Exchange exchange) {
            }

            @Override
            public ExceptionHandler exceptionHandler() {
                return new LoggingExceptionHandler(context, getClass());
            }
        });
        Exchange http = new DefaultExchange(context);
        http.getIn().setHeader(Exchange.CONTENT_TYPE, "application/json");
        http.getIn().setHeader("X-Finsify-Token", "idem-token-1234");
        http.getIn().setBody(json("webhook-new-transactions").getBytes(StandardCharsets.UTF_8));

        handler.process(http);

        assertThat(http.getIn().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(503);
        assertThat(http.getIn().getBody(String.class)).contains("send it again");
        assertThat(delivered[0]).isZero();
    }

    private static final class DownRepository extends ServiceSupport implements IdempotentRepository {
        @Override
        public boolean add(String key) {
            throw new IllegalStateException("Connection refused: the database is down");
        }

        @Override
        public boolean contains(String key) {
            throw new IllegalStateException("Connection refused: the database is down");
        }

        @Override
        public boolean remove(String key) {
            throw new IllegalStateException("Connection refused: the database is down");
        }

        @Override
        public boolean confirm(String key) {
            throw new IllegalStateException("Connection refused: the database is down");
        }

        @Override
        public void clear() {
        }
    }
}
