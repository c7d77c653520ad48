package io.github.camelfinsify.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FinsifySandboxExtensionTest {

    @RegisterExtension
    static FinsifySandboxExtension extension =
            new FinsifySandboxExtension(builder -> builder.seed(7).refreshCooldown(Duration.ZERO));

    private final FinsifySandbox injected;

    FinsifySandboxExtensionTest(FinsifySandbox injected) {
        this.injected = injected;
    }

    @Test
    void extensionStartsOneSandboxForTheClassOnAFreePort() {
        assertThat(extension.sandbox().isRunning()).isTrue();
        assertThat(extension.sandbox().baseUrl()).isEqualTo("http://localhost:" + extension.sandbox().port() + "/v2");
        assertThat(extension.sandbox().servicesUrl())
                .isEqualTo("http://localhost:" + extension.sandbox().port() + "/service.json");
    }

    @Test
    void constructorAndMethodParametersReceiveTheSameSandbox(FinsifySandbox parameter) {
        assertThat(parameter).isSameAs(extension.sandbox()).isSameAs(injected);
    }

    @Test
    void customizerSettingsApply() {
        assertThat(extension.sandbox().seed()).isEqualTo(7);
        SandboxLogin login = extension.sandbox().connectLogin("user_good");
        Http.api(extension.sandbox()).login(login.secret()).put("/v2/login/refresh", null);
        assertThat(Http.api(extension.sandbox()).login(login.secret()).put("/v2/login/refresh", null).json()
                .path("data").path("refreshed").asBoolean()).isTrue();
    }

    @Test
    void defaultCredentialsAreTheDocumentedOnes() {
        assertThat(extension.sandbox().clientId()).isEqualTo("sandbox-client-id");
        assertThat(extension.sandbox().serviceSecret()).isEqualTo("sandbox-service-secret");
        assertThat(extension.sandbox().appSecret()).isEqualTo("sandbox-app-secret");
    }
}
