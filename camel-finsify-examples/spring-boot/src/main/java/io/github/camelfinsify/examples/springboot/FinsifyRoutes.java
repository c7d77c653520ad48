package io.github.camelfinsify.examples.springboot;

import io.github.camelfinsify.FinsifyConstants;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Webhook events are logged and handed to {@code seda:events}, where the rest of the application picks them up; a
 * timer logs the balances of the configured login.
 */
@Component
public class FinsifyRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("finsify:webhook").routeId("finsify-events")
                .log("Finsify ${header." + FinsifyConstants.EVENT_TYPE + "} for login ${header."
                     + FinsifyConstants.LOGIN_ID + "}")
                .to("seda:events?waitForTaskToComplete=Never");

        from("timer:balances?period={{bank.balances-period}}").routeId("finsify-balances")
                .to("finsify:accounts")
                .split(body())
                .log("${body.name}: ${body.balance} ${body.currency}");
    }
}
