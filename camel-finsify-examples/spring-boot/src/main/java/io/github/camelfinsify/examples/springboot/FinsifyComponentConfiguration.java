package io.github.camelfinsify.examples.springboot;

import io.github.camelfinsify.FinsifyComponent;
import io.github.camelfinsify.FinsifyConfiguration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Binds {@code camel.component.finsify.*} from {@code application.properties} (relaxed names: {@code client-id},
 * {@code service-secret}, ...) to the finsify component. camel-finsify has no Spring Boot starter of its own yet, and
 * Camel Spring Boot binds {@code camel.component.*} only for components that have one: these few lines do it.
 * Durations are in milliseconds here ({@code response-timeout=30000}).
 */
@Configuration(proxyBeanMethods = false)
public class FinsifyComponentConfiguration {

    @Bean
    @ConfigurationProperties("camel.component.finsify")
    FinsifyConfiguration finsifyConfiguration() {
        return new FinsifyConfiguration();
    }

    @Bean("finsify")
    FinsifyComponent finsify(FinsifyConfiguration finsifyConfiguration) {
        FinsifyComponent component = new FinsifyComponent();
        component.setConfiguration(finsifyConfiguration);
        return component;
    }
}
