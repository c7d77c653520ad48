package io.github.camelfinsify;

import java.math.BigDecimal;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.camelfinsify.model.Account;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.camelfinsify.test.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A route declared in YAML, run by Camel Main, with the component configured only through properties.
 */
class FinsifyCamelMainTest {

    @RegisterExtension
    static WireMockExtension api = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final Main main = new Main();

    @AfterEach
    void stop() {
        main.stop();
    }

    @Test
    void yamlRouteCallsTheApiWithComponentPropertiesFromCamelMain() throws Exception {
        api.stubFor(get("/v2/account").willReturn(okJson(json("accounts"))));
        main.addInitialProperty("camel.main.routes-include-pattern", "classpath:routes/accounts.camel.yaml");
        main.addInitialProperty("camel.component.finsify.client-id", "main-client");
        main.addInitialProperty("camel.component.finsify.service-secret", "main-service-secret-0001");
        main.addInitialProperty("camel.component.finsify.base-url", api.baseUrl() + "/v2");
        main.addInitialProperty("camel.component.finsify.login-secret", "main-login-secret-0001");
        main.addInitialProperty("camel.component.finsify.response-timeout", "5s");
        main.start();

        List<Object> accounts = main.getCamelTemplate().requestBody("direct:accounts", null, List.class);

        assertThat(accounts).containsExactly(new Account(14324, "mockup-data-123456", 123456,
                "Finsify sample account", new BigDecimal("291087.00"), "VND", "current"));
        assertThat(main.getCamelContext().getRoute("accounts-yaml")).isNotNull();
        FinsifyConfiguration configuration = main.getCamelContext().getComponent("finsify", FinsifyComponent.class)
                .getConfiguration();
        assertThat(configuration.getResponseTimeout()).isEqualTo(5_000L);
        api.verify(getRequestedFor(urlPathEqualTo("/v2/account"))
                .withHeader("client-id", equalTo("main-client"))
                .withHeader("service-secret", equalTo("main-service-secret-0001"))
                .withHeader("login-secret", equalTo("main-login-secret-0001")));
    }
}
