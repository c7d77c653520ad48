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
 * at DEBUG) and not in the page the browser sees. With {@code connectSigningKey}, the route also learns whose connect
 * it was, and the same landing page cannot be used twice.
 */
class BrowserConnectConsumerTest {

    private static final String SIGNING_KEY = "browser-test-connect-signing-key-7c1e9a3f";

    @RegisterExtension
    static FinsifySandboxExtension sandboxExtension = new FinsifySandboxExtension();

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    private final Main main = new Main();
    private final int port = AvailablePortFinder.getNextAvailable();
    private final String callbackUrl = "http://127.0.0.1:" + port + "/finsify/connect";
    private final List<ConnectResult> connected = new CopyOnWriteArrayList<>();
    private final List<Object> customers = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        main.stop();
    }

    private void start(String connectSigningKey) {
        FinsifySandbox sandbox = sandboxExtension.sandbox();
        main.addInitialProperty("camel.server.enabled", "true");
        main.addInitialProperty("camel.server.port", String.valueOf(port));
        // the secrets go to a component bean, not to camel.component.finsify.*: Camel Main 4.18 prints component
        // properties whose names it does not know as sensitive (docs/security.md)
        FinsifyComponent finsify = new FinsifyComponent();
        finsify.getConfiguration().setClientId(sandbox.clientId());
        finsify.getConfiguration().setServiceSecret(sandbox.serviceSecret());
        finsify.getConfiguration().setBaseUrl(sandbox.baseUrl());
        finsify.getConfiguration().setConnectSigningKey(connectSigningKey);
        main.bind("finsify", finsify);
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("finsify:connect").log("connected: ${body}").process(e -> {
                    customers.add(String.valueOf(e.getIn().getHeader(FinsifyConstants.CUSTOMER_ID)));
                    connected.add(e.getIn().getBody(ConnectResult.class));
                });
            }
        });
        main.start();
    }

    private Customer createCustomer(String identifier) throws Exception {
        return main.getCamelTemplate().requestBodyAndHeader("finsify:createCustomer", null,
                FinsifyConstants.IDENTIFIER, identifier, Customer.class);
    }

    private Token createToken(Customer customer) throws Exception {
        return main.getCamelTemplate().requestBodyAndHeaders("finsify:createToken", null, Map.of(
                FinsifyConstants.CUSTOMER_ID, customer.customerId(), FinsifyConstants.SERVICE_ID, 8,
                FinsifyConstants.CALLBACK_URL, callbackUrl), Token.class);
    }

    @Test
    void browserConnectEndsAsAConnectResultInTheRouteAndTheSecretIsShownNowhere() throws Exception {
        start(null);
        Token token = createToken(createCustomer("browser-user-1"));

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
                                                        || line.contains(sandboxExtension.sandbox().serviceSecret())))
                .as("log lines showing a secret").isEmpty();
    }

    @Test
    void aSignedBrowserConnectReachesTheRouteWithItsCustomerAndItsLandingPageWorksOnce() throws Exception {
        start(SIGNING_KEY);
        Customer customer = createCustomer("browser-user-2");
        Token token = createToken(customer);

        String landing;
        String finalPage;
        String replayPage;
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            browser.open(token.connectUrl());
            browser.submitLogin("user_good", FinsifySandbox.PASSWORD, callbackUrl);
            landing = browser.currentUrl();
            finalPage = browser.pageSource();
            // the user reloads the page, or someone else opens the same URL later
            replayPage = browser.open(landing);
        }

        assertThat(landing).matches("\\Q" + callbackUrl + "\\E/v1\\.[^/]+/[^/]+");
        assertThat(finalPage).contains("Your bank is connected");
        assertThat(replayPage).contains("already used").doesNotContain("Your bank is connected");
        await().atMost(Duration.ofSeconds(10)).until(() -> connected.size() == 1);
        assertThat(connected).singleElement().satisfies(result -> assertThat(result.isSuccess()).isTrue());
        assertThat(customers).containsExactly(customer.customerId());
        assertThat(logs.lines()).noneSatisfy(line -> assertThat(line).contains(SIGNING_KEY));
        assertThat(logs.lines().stream().filter(line -> line.contains(connected.get(0).secret())))
                .as("log lines showing the login secret").isEmpty();
    }

    @Test
    void aConnectResultWithoutItsSignedStateIsRefusedInTheBrowser() throws Exception {
        start(SIGNING_KEY);
        Token token = createToken(createCustomer("browser-user-3"));

        String page;
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            browser.open(token.connectUrl());
            browser.submitLogin("user_good", FinsifySandbox.PASSWORD, callbackUrl);
            // the same result, but without the state: as if it came from someone else's connect
            String landing = browser.currentUrl();
            page = browser.open(callbackUrl + landing.substring(landing.lastIndexOf('/')));
        }

        assertThat(page).contains("cannot be verified");
        assertThat(connected).as("only the genuine landing reached the route").hasSize(1);
    }
}
