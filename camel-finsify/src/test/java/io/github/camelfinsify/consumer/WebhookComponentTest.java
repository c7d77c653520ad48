package io.github.camelfinsify.consumer;

import java.util.Map;

import io.github.camelfinsify.model.LoginStatus;
import io.github.camelfinsify.model.LoginStatusEvent;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static io.github.camelfinsify.test.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same webhook route through Camel's {@code webhook:} meta component: Finsify's webhook URL is set in its
 * dashboard, so nothing is registered.
 */
class WebhookComponentTest extends SandboxConsumerTestSupport {

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("webhook:finsify:webhook?webhookAutoRegister=false&webhookComponentName=platform-http&webhookPath=/hooks/finsify&webhookToken="
                     + WEBHOOK_TOKEN)
                        .to("mock:events");
            }
        };
    }

    @Test
    void eventsArriveTypedThroughTheWebhookComponent() throws Exception {
        var response = post("/hooks/finsify", "application/json", json("webhook-login-status"),
                Map.of("X-Finsify-Token", WEBHOOK_TOKEN));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(getMockEndpoint("mock:events").getReceivedExchanges().get(0).getIn().getBody())
                .isEqualTo(new LoginStatusEvent(538, LoginStatus.WRONG_CREDENTIALS, "login_wrong_credentials"));
    }

    @Test
    void wrongTokenIsRefusedThroughTheWebhookComponentToo() throws Exception {
        var response = post("/hooks/finsify", "application/json", json("webhook-login-status"),
                Map.of("X-Finsify-Token", "nope"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(getMockEndpoint("mock:events").getReceivedCounter()).isZero();
    }
}
