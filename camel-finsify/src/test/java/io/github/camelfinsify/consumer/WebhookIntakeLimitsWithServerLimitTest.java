package io.github.camelfinsify.consumer;

/**
 * The same limits when the HTTP server's own body limit ({@code camel.server.maxBodySize}) is the consumer's
 * {@code maxBodySize}: platform-http then reads the body of an accepted request on the event loop, as for any route.
 */
class WebhookIntakeLimitsWithServerLimitTest extends WebhookIntakeLimitsTest {

    @Override
    Long serverMaxBodySize() {
        return (long) MAX_BODY_SIZE;
    }
}
