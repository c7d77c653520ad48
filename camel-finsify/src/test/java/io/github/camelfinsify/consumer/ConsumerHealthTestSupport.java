package io.github.camelfinsify.consumer;

import java.util.Optional;

import io.github.camelfinsify.test.HealthChecks;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.impl.health.ConsumersHealthCheckRepository;

/** A sandbox test whose routes are added by each test, with Camel's consumer health checks on. */
abstract class ConsumerHealthTestSupport extends SandboxConsumerTestSupport {

    @Override
    public boolean isUseRouteBuilder() {
        return false;
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        HealthChecks.enable(context, new ConsumersHealthCheckRepository());
        return context;
    }

    /** The result of the consumer check with this id ({@code consumer:<routeId>}), if the check is registered. */
    Optional<HealthCheck.Result> health(String checkId) {
        return HealthCheckHelper.invoke(context).stream()
                .filter(r -> r.getCheck().getId().equals(checkId)).findFirst();
    }
}
