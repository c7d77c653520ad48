package io.github.camelfinsify;

import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;

/**
 * The {@code finsify:} component: Finsify v2 bank-aggregation API calls, webhooks, the connect callback and a
 * transaction sync feed.
 */
@Component("finsify")
public class FinsifyComponent extends HealthCheckComponent {

    @Metadata(description = "The options every finsify endpoint starts from; endpoint options override them.")
    private FinsifyConfiguration configuration = new FinsifyConfiguration();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        FinsifyOperation operation = FinsifyOperation.fromName(remaining);
        FinsifyEndpoint endpoint = new FinsifyEndpoint(uri, this, operation, configuration.copy());
        setProperties(endpoint, parameters);
        return endpoint;
    }

    public FinsifyConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(FinsifyConfiguration configuration) {
        this.configuration = configuration;
    }
}
