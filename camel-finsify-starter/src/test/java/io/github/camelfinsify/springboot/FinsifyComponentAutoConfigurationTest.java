package io.github.camelfinsify.springboot;

import io.github.camelfinsify.FinsifyComponent;
import io.github.camelfinsify.FinsifyConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code camel.component.finsify.*} configures the finsify component that Camel creates, as Camel's own starters do.
 */
class FinsifyComponentAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CamelAutoConfiguration.class, FinsifyComponentConverter.class,
                    FinsifyComponentAutoConfiguration.class));

    @Test
    void springBootFindsTheAutoConfiguration() {
        assertThat(ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()))
                .contains(FinsifyComponentAutoConfiguration.class.getName(), FinsifyComponentConverter.class.getName());
    }

    @Test
    void propertiesConfigureTheComponent() {
        runner.withPropertyValues(
                "camel.component.finsify.client-id=partner-1",
                "camel.component.finsify.service-secret=partner-secret-1",
                "camel.component.finsify.base-url=http://localhost:1/v2",
                "camel.component.finsify.response-timeout=45s",
                "camel.component.finsify.retry-delay=250ms",
                "camel.component.finsify.lookback-days=7",
                "camel.component.finsify.account-id=33",
                "camel.component.finsify.streaming=true").run(context -> {
                    FinsifyConfiguration configuration = finsify(context).getConfiguration();
                    assertThat(configuration.getClientId()).isEqualTo("partner-1");
                    assertThat(configuration.getServiceSecret()).isEqualTo("partner-secret-1");
                    assertThat(configuration.getBaseUrl()).isEqualTo("http://localhost:1/v2");
                    assertThat(configuration.getResponseTimeout()).isEqualTo(45_000L);
                    assertThat(configuration.getRetryDelay()).isEqualTo(250L);
                    assertThat(configuration.getLookbackDays()).isEqualTo(7);
                    assertThat(configuration.getAccountId()).isEqualTo(33L);
                    assertThat(configuration.isStreaming()).isTrue();
                });
    }

    @Test
    void unsetPropertiesKeepTheComponentsDefaults() {
        runner.run(context -> {
            FinsifyConfiguration configuration = finsify(context).getConfiguration();
            FinsifyConfiguration defaults = new FinsifyConfiguration();
            assertThat(configuration.getBaseUrl()).isEqualTo(defaults.getBaseUrl());
            assertThat(configuration.getConnectTimeout()).isEqualTo(defaults.getConnectTimeout());
            assertThat(configuration.getReconciliationInterval()).isEqualTo(defaults.getReconciliationInterval());
            assertThat(configuration.getMaxBodySize()).isEqualTo(defaults.getMaxBodySize());
            assertThat(configuration.getClientId()).isNull();
        });
    }

    @Test
    void objectOptionsAreBeanReferences() {
        StateRepository<String, String> syncState = new MemoryStateRepository();
        IdempotentRepository events = MemoryIdempotentRepository.memoryIdempotentRepository();
        runner.withBean("syncState", StateRepository.class, () -> syncState)
                .withBean("events", IdempotentRepository.class, () -> events)
                .withPropertyValues("camel.component.finsify.state-repository=#syncState",
                        "camel.component.finsify.idempotent-repository=#bean:events")
                .run(context -> {
                    FinsifyConfiguration configuration = finsify(context).getConfiguration();
                    assertThat(configuration.getStateRepository()).isSameAs(syncState);
                    assertThat(configuration.getIdempotentRepository()).isSameAs(events);
                });
    }

    @Test
    void anObjectOptionThatIsNoBeanReferenceFailsNamingTheProperty() {
        runner.withPropertyValues("camel.component.finsify.state-repository=syncState").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("StateRepository option takes a bean reference such as #myBean");
            assertThat(context.getStartupFailure()).hasStackTraceContaining("camel.component.finsify.state-repository");
        });
    }

    @Test
    void autowiredEnabledIsAComponentOption() {
        runner.withPropertyValues("camel.component.finsify.autowired-enabled=false")
                .run(context -> assertThat(finsify(context).isAutowiredEnabled()).isFalse());
    }

    @Test
    void enabledFalseLeavesTheComponentUnconfigured() {
        runner.withPropertyValues("camel.component.finsify.enabled=false",
                "camel.component.finsify.client-id=partner-1").run(context -> {
                    assertThat(context).doesNotHaveBean(FinsifyComponentAutoConfiguration.class);
                    assertThat(finsify(context).getConfiguration().getClientId()).isNull();
                });
    }

    @Test
    void customizerEnabledFalseLeavesTheComponentUnconfigured() {
        runner.withPropertyValues("camel.component.finsify.customizer.enabled=false",
                "camel.component.finsify.client-id=partner-1")
                .run(context -> assertThat(finsify(context).getConfiguration().getClientId()).isNull());
    }

    private static FinsifyComponent finsify(ApplicationContext context) {
        return context.getBean(CamelContext.class).getComponent("finsify", FinsifyComponent.class);
    }
}
