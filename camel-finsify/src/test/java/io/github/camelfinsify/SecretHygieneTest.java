package io.github.camelfinsify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.http.Fault;
import io.github.camelfinsify.test.LogCapture;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.camelfinsify.test.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * No secret reaches a log line (every logger at DEBUG, Camel's included), an exception message or an endpoint URI,
 * on success and on every kind of failure.
 */
class SecretHygieneTest extends FinsifyWireMockTestSupport {

    private static final String URI_LOGIN_SECRET = "0b7e1c55-login-secret-in-uri";
    private static final String ECHOED_SECRET = "d16bdfd0-5bd2-46d3-96c2-12313sdsda";

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:accounts").routeId("accounts")
                        .log("calling accounts")
                        .to("finsify:accounts?loginSecret=RAW(" + URI_LOGIN_SECRET + ")&maxRetries=1");
                from("direct:any").routeId("any").toD("finsify:${header.op}");
            }
        };
    }

    private List<String> secrets() {
        return List.of(SERVICE_SECRET, LOGIN_SECRET, URI_LOGIN_SECRET, ECHOED_SECRET);
    }

    @Test
    void successfulCallsLogNoSecret() {
        api.stubFor(get("/v2/account").willReturn(okJson(json("accounts"))));
        api.stubFor(put("/v2/login/refresh").willReturn(okJson(json("refresh"))));

        template.sendBody("direct:accounts", null);
        template.sendBodyAndHeaders("direct:any", null,
                Map.of("op", "refreshLogin", FinsifyConstants.LOGIN_SECRET, LOGIN_SECRET));

        // the capture really is at DEBUG, for Camel and for the component
        assertThat(logs.lines()).anySatisfy(line -> assertThat(line).startsWith("org.apache.camel"));
        assertThat(logs.lines()).anySatisfy(line -> assertThat(line).contains("GET /account -> HTTP 200"));
        assertNoSecretIn(logs.lines());
    }

    @Test
    void failuresLogAndThrowNoSecret() {
        api.stubFor(get("/v2/account").willReturn(aResponse().withStatus(404)
                .withHeader("content-type", "application/json").withBody(json("login-not-found"))));
        api.stubFor(post("/v2/token/reconnect").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        api.stubFor(get(urlPathEqualTo("/v2/transaction")).willReturn(aResponse().withStatus(503)
                .withHeader("content-type", "application/json")
                .withBody("{\"error\":\"ServerMaintenance\",\"message\":\"login-secret " + LOGIN_SECRET + "\"}")));

        List<String> messages = new ArrayList<>();
        messages.add(failureOf(template.request("direct:accounts", e -> { })));
        messages.add(failureOf(template.request("direct:any", e -> e.getIn().setHeaders(Map.of("op", "reconnect",
                FinsifyConstants.LOGIN_SECRET, LOGIN_SECRET, FinsifyConstants.CALLBACK_URL, "http://cb")))));
        messages.add(failureOf(template.request("direct:any", e -> e.getIn().setHeaders(Map.of("op", "transactions",
                FinsifyConstants.LOGIN_SECRET, LOGIN_SECRET, FinsifyConstants.ACCOUNT_ID, 1L)))));

        assertThat(messages).allSatisfy(m -> assertThat(m).isNotBlank());
        assertNoSecretIn(messages);
        assertThat(logs.lines()).anySatisfy(line -> assertThat(line).contains("retry 1 of"));
        assertNoSecretIn(logs.lines());
    }

    @Test
    void endpointUrisAndToStringsHoldNoSecret() {
        List<String> shown = new ArrayList<>();
        for (Endpoint endpoint : context.getEndpoints()) {
            shown.add(endpoint.toString());
        }
        shown.add(context.getComponent("finsify", FinsifyComponent.class).getConfiguration().toString());

        assertThat(shown).anySatisfy(s -> assertThat(s).contains("finsify"));
        assertNoSecretIn(shown);
    }

    private static String failureOf(Exchange exchange) {
        assertThat(exchange.getException()).isNotNull();
        StringBuilder all = new StringBuilder();
        for (Throwable t = exchange.getException(); t != null; t = t.getCause()) {
            all.append(t).append('\n');
        }
        return all.toString();
    }

    private void assertNoSecretIn(List<String> texts) {
        for (String text : texts) {
            for (String secret : secrets()) {
                assertThat(text).as("a secret leaked").doesNotContain(secret);
            }
        }
    }
}
