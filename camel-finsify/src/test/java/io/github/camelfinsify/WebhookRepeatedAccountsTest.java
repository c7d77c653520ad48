package io.github.camelfinsify;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collections;

import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One webhook event that names an account many times makes one fetch of that account, not one per mention.
 */
class WebhookRepeatedAccountsTest extends FinsifyWireMockTestSupport {

    private static final String TOKEN = "repeated-accounts-token-42";

    private final int httpPort = AvailablePortFinder.getNextAvailable();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        VertxPlatformHttpServerConfiguration server = new VertxPlatformHttpServerConfiguration();
        server.setBindPort(httpPort);
        context.addService(new VertxPlatformHttpServer(server));
        context.getRegistry().bind("secrets", (FinsifyLoginSecretResolver) loginId -> LOGIN_SECRET);
        return context;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("finsify:webhook?webhookToken=" + TOKEN + "&fetchTransactions=true&loginSecretResolver=#secrets")
                        .to("mock:transactions");
            }
        };
    }

    @Test
    void accountListedTwoHundredTimesIsFetchedOnce() throws Exception {
        api.stubFor(get(urlPathEqualTo("/v2/transaction")).willReturn(okJson("{\"data\":[]}")));
        String accounts = String.join(",", Collections.nCopies(200, "{\"id\":19316}"));
        String event = "{\"login_id\":21000,\"timestamp\":1467331200000,\"accounts\":[" + accounts + "],\"new\":200,"
                       + "\"referenceId\":\"repeated-1\"}";

        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + httpPort + "/finsify/webhook?token=" + TOKEN))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(api.findAll(getRequestedFor(urlPathEqualTo("/v2/transaction"))
                .withQueryParam("account_id", equalTo("19316")))).hasSize(1);
        assertThat(api.findAll(getRequestedFor(urlPathEqualTo("/v2/transaction")))).hasSize(1);
    }
}
