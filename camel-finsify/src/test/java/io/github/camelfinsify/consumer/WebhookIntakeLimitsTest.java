package io.github.camelfinsify.consumer;

import java.time.Duration;
import java.util.Map;

import io.github.camelfinsify.test.RawHttpConnection;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static io.github.camelfinsify.test.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code finsify:webhook} reads of a request before it answers, on platform-http over Vert.x: the token and the
 * declared length are judged from the head alone, and no more than {@code maxBodySize} bytes of a body are read.
 * Each client here stalls (sends no more) where a server that waited for the whole body would never answer.
 */
class WebhookIntakeLimitsTest extends SandboxConsumerTestSupport {

    static final int MAX_BODY_SIZE = 65_536;
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("finsify:webhook?webhookToken=" + WEBHOOK_TOKEN + "&maxBodySize=" + MAX_BODY_SIZE)
                        .to("mock:events");
            }
        };
    }

    private RawHttpConnection connect() throws Exception {
        return new RawHttpConnection(httpPort, PATIENCE);
    }

    @Test
    void wrongTokenGets401BeforeTheBodyArrivesAndTheConnectionIsClosed() throws Exception {
        try (RawHttpConnection connection = connect()) {
            connection.postHead("/finsify/webhook", Map.of("Content-Type", "application/json",
                    "Content-Length", String.valueOf(8 * 1024 * 1024), "X-Finsify-Token", "guess")).sendBody(1024);

            assertThat(connection.readStatus()).isEqualTo(401);
            assertThat(connection.isClosedByServer()).isTrue();
        }
        assertThat(getMockEndpoint("mock:events").getReceivedCounter()).isZero();
    }

    @Test
    void missingTokenOnAChunkedBodyGets401BeforeTheBodyEnds() throws Exception {
        try (RawHttpConnection connection = connect()) {
            connection.postHead("/finsify/webhook", Map.of("Content-Type", "application/json",
                    "Transfer-Encoding", "chunked")).sendChunks(32 * 1024);

            assertThat(connection.readStatus()).isEqualTo(401);
        }
    }

    @Test
    void declaredLengthOverMaxBodySizeGets413BeforeTheBodyArrives() throws Exception {
        try (RawHttpConnection connection = connect()) {
            connection.postHead("/finsify/webhook", Map.of("Content-Type", "application/json",
                    "Content-Length", String.valueOf(MAX_BODY_SIZE + 1), "X-Finsify-Token", WEBHOOK_TOKEN));

            assertThat(connection.readStatus()).isEqualTo(413);
            assertThat(connection.isClosedByServer()).isTrue();
        }
    }

    @Test
    void chunkedBodyOverMaxBodySizeGets413WithoutWaitingForItsEnd() throws Exception {
        try (RawHttpConnection connection = connect()) {
            connection.postHead("/finsify/webhook", Map.of("Content-Type", "application/json",
                    "Transfer-Encoding", "chunked", "X-Finsify-Token", WEBHOOK_TOKEN)).sendChunks(MAX_BODY_SIZE + 1);

            assertThat(connection.readStatus()).isEqualTo(413);
            assertThat(connection.isClosedByServer()).isTrue();
        }
        assertThat(getMockEndpoint("mock:events").getReceivedCounter()).isZero();
    }

    @Test
    void nonJsonContentTypeGets415BeforeTheBodyArrives() throws Exception {
        try (RawHttpConnection connection = connect()) {
            connection.postHead("/finsify/webhook", Map.of("Content-Type", "text/plain",
                    "Content-Length", "1000", "X-Finsify-Token", WEBHOOK_TOKEN));

            assertThat(connection.readStatus()).isEqualTo(415);
        }
    }

    @Test
    void bodyThatStopsArrivingGets408() throws Exception {
        try (RawHttpConnection connection = connect()) {
            connection.postHead("/finsify/webhook", Map.of("Content-Type", "application/json",
                    "Content-Length", "1000", "X-Finsify-Token", WEBHOOK_TOKEN)).send("{\"login_id\":");

            assertThat(connection.readStatus()).isEqualTo(408);
            assertThat(connection.isClosedByServer()).isTrue();
        }
        assertThat(getMockEndpoint("mock:events").getReceivedCounter()).isZero();
    }

    @Test
    void senderThatExpects100ContinueIsAskedForTheBody() throws Exception {
        String body = json("webhook-login-status");
        try (RawHttpConnection connection = connect()) {
            connection.postHead("/finsify/webhook", Map.of("Content-Type", "application/json",
                    "Content-Length", String.valueOf(body.length()), "Expect", "100-continue",
                    "X-Finsify-Token", WEBHOOK_TOKEN));

            assertThat(connection.readStatus()).isEqualTo(100);
            connection.send(body);
            assertThat(connection.readStatus()).isEqualTo(200);
        }
        assertThat(getMockEndpoint("mock:events").getReceivedCounter()).isOne();
    }

    @Test
    void connectionStaysOpenAfterAWebhookWhoseBodyWasRead() throws Exception {
        String body = json("webhook-login-status");
        try (RawHttpConnection connection = connect()) {
            for (int i = 0; i < 2; i++) {
                connection.postHead("/finsify/webhook", Map.of("Content-Type", "application/json",
                        "Content-Length", String.valueOf(body.length()), "X-Finsify-Token", WEBHOOK_TOKEN)).send(body);
                assertThat(connection.readHead()).startsWith("HTTP/1.1 200").doesNotContainIgnoringCase(
                        "connection: close");
                connection.readBody();
            }
        }
        assertThat(getMockEndpoint("mock:events").getReceivedCounter()).isEqualTo(2);
    }
}
