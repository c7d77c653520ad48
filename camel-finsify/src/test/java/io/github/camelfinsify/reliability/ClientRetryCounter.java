package io.github.camelfinsify.reliability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.MicrometerConstants;

/**
 * Counts the retries the component's clients make, by the component's own meter {@code finsify.api.retries} in a
 * registry bound where camel-micrometer looks ({@code metricsRegistry}). Bind it before the context starts.
 */
final class ClientRetryCounter {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    ClientRetryCounter(CamelContext context) {
        context.getRegistry().bind(MicrometerConstants.METRICS_REGISTRY_NAME, registry);
    }

    int retries() {
        return (int) registry.find("finsify.api.retries").counters().stream().mapToDouble(Counter::count).sum();
    }
}
