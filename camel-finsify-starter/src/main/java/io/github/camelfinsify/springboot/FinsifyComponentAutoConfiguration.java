package io.github.camelfinsify.springboot;

import io.github.camelfinsify.FinsifyComponent;
import org.apache.camel.Component;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.spring.boot.ComponentConfigurationProperties;
import org.apache.camel.spring.boot.util.CamelPropertiesHelper;
import org.apache.camel.spring.boot.util.ConditionalOnCamelContextAndAutoConfigurationBeans;
import org.apache.camel.spring.boot.util.ConditionalOnHierarchicalProperties;
import org.apache.camel.spring.boot.util.HierarchicalPropertiesEvaluator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Lazy;

/**
 * Configures the finsify component, when Camel creates it, from {@code camel.component.finsify.*}. Off with
 * {@code camel.component.finsify.enabled=false} (or {@code camel.component.enabled=false}); the customizer alone off
 * with {@code camel.component.finsify.customizer.enabled=false}, as for Camel's own starters.
 */
@AutoConfiguration(after = { CamelAutoConfiguration.class, FinsifyComponentConverter.class })
@Conditional(ConditionalOnCamelContextAndAutoConfigurationBeans.class)
@EnableConfigurationProperties({ ComponentConfigurationProperties.class, FinsifyComponentConfiguration.class })
@ConditionalOnHierarchicalProperties({ "camel.component", "camel.component.finsify" })
public class FinsifyComponentAutoConfiguration {

    private final ApplicationContext applicationContext;
    private final FinsifyComponentConfiguration configuration;

    public FinsifyComponentAutoConfiguration(ApplicationContext applicationContext,
                                             FinsifyComponentConfiguration configuration) {
        this.applicationContext = applicationContext;
        this.configuration = configuration;
    }

    @Lazy
    @Bean
    public ComponentCustomizer configureFinsifyComponent() {
        return new ComponentCustomizer() {
            @Override
            public void configure(String name, Component target) {
                // through the component's generated configurer: the same binding as camel.component.finsify.* in Camel Main
                CamelPropertiesHelper.copyProperties(target.getCamelContext(), configuration, target);
            }

            @Override
            public boolean isEnabled(String name, Component target) {
                return target instanceof FinsifyComponent
                       && HierarchicalPropertiesEvaluator.evaluate(applicationContext,
                               "camel.component.customizer", "camel.component.finsify.customizer");
            }
        };
    }
}
