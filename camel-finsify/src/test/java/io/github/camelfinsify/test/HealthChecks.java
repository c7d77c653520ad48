package io.github.camelfinsify.test;

import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.health.HealthCheckRepository;
import org.apache.camel.impl.health.DefaultHealthCheckRegistry;
import org.apache.camel.impl.health.ProducersHealthCheckRepository;

/** Camel's health checks as a runtime sets them up, for tests that read them. */
public final class HealthChecks {

    private HealthChecks() {
    }

    /** What camel.health.enabled=true sets up in Camel Main and Spring Boot, listing UP checks too. */
    public static void enable(CamelContext context, HealthCheckRepository repository) {
        HealthCheckRegistry registry = new DefaultHealthCheckRegistry();
        registry.setExposureLevel("full");
        registry.register(repository);
        context.getCamelContextExtension().addContextPlugin(HealthCheckRegistry.class, registry);
    }

    /** The producers' checks, which are opt-in: camel.health.producers-enabled=true. */
    public static void enableProducers(CamelContext context) {
        ProducersHealthCheckRepository producers = new ProducersHealthCheckRepository();
        producers.setEnabled(true);
        enable(context, producers);
    }
}
