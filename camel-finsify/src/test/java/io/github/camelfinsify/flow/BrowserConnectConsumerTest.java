package io.github.camelfinsify.flow;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.camelfinsify.FinsifyComponent;
import io.github.camelfinsify.FinsifyConstants;
import io.github.camelfinsify.model.ConnectResult;
import io.github.camelfinsify.model.Customer;
import io.github.camelfinsify.model.Token;
import io.github.camelfinsify.sandbox.FinsifySandbox;
import io.github.camelfinsify.sandbox.FinsifySandboxExtension;
import io.github.camelfinsify.test.LogCapture;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real headless Chromium goes through the sandbox's connect page and lands on {@code finsify:connect}, served by
 * Camel Main's platform-http server: the route gets the {@link ConnectResult}, and the secret is in no log line (all
 * at DEBUG) and not in the page the browser sees.
 */
class BrowserConnectConsumerTest {

    @RegisterExtension
    static FinsifySandboxExtension sandboxExtension = new FinsifySandboxExtension();

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    private final Main main = new Main();
    private final List<ConnectResult> connected = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        main.stop();
    }

    @Test
    void browserConnectEndsAsAConnectResultInTheRouteAndTheSecretIsShownNowhere() throws Exception {
        FinsifySandbox sandbox = sandboxExtension.sandbox();
        int port = AvailablePortFinder.getNextAvailable();
        main.addInitialProperty("camel.server.enabled", "true");
        main.addInitialProperty("camel.server.port", String.valueOf(port));
        // the secret goes to a component bean, not to camel.component.finsify.service-secret: Camel Main 4.18 prints
        // component properties whose names it does not know as sensitive (docs/security.md)
        FinsifyComponent finsify = new FinsifyComponent();
        finsify.getConfiguration().setClientId(sandbox.clientId());
        finsify.getConfiguration().setServiceSecret(sandbox.serviceSecret());
        finsify.getConfiguration().setBaseUrl(sandbox.baseUrl());
        main.bind("finsify", finsify);
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("finsify:connect").log("connected: ${body}").process(e -> connected.add(
                        e.getIn().getBody(ConnectResult.class)));
            }
        });
        main.start();
        String callbackUrl = "http://127.0.0.1:" + port + "/finsify/connect";
        Customer customer = main.getCamelTemplate().requestBodyAndHeader("finsify:createCustomer", null,
                FinsifyConstants.IDENTIFIER, "browser-user-1", Customer.class);
        Token token = main.getCamelTemplate().requestBodyAndHeaders("finsify:createToken", null, Map.of(
                FinsifyConstants.CUSTOMER_ID, customer.customerId(), FinsifyConstants.SERVICE_ID, 8,
                FinsifyConstants.CALLBACK_URL, callbackUrl), Token.class);

        String finalPage;
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            browser.open(token.connectUrl());
            browser.submitLogin("user_good", FinsifySandbox.PASSWORD, callbackUrl);
            finalPage = browser.pageSource();
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> connected.size() == 1);
        ConnectResult result = connected.get(0);
        assertThat(result.isSuccess()).isTrue();
        assertThat(result.loginId()).isPositive();
        assertThat(result.secret()).isNotBlank();
        assertThat(finalPage).contains("Your bank is connected").doesNotContain(result.secret());
        assertThat(logs.lines()).anySatisfy(line -> assertThat(line).contains("connected: ConnectResult"));
        assertThat(logs.lines().stream().filter(line -> line.contains(result.secret())
                                                        || line.contains(sandbox.serviceSecret())))
                .as("log lines showing a secret").isEmpty();
    }
}
