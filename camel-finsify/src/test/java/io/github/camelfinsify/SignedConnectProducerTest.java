package io.github.camelfinsify;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.camelfinsify.webhook.ConnectStateSigner;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.camelfinsify.test.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code connectSigningKey}, {@code createToken} and {@code reconnect} send Finsify the partner's callback URL
 * with a signed state for the customer as its last path segment.
 */
class SignedConnectProducerTest extends FinsifyWireMockTestSupport {

    private static final String SIGNING_KEY = "producer-test-signing-key-4d2a9c7e1b0f";
    private static final String CUSTOMER = "115eff49-1323-4f09-9fc1-c8009d81777b";
    private static final String CALLBACK = "https://app.example.com/finsify/connect";

    private final ConnectStateSigner verifier = new ConnectStateSigner(SIGNING_KEY, ConnectStateSigner.DEFAULT_TTL,
            Clock.systemUTC());
    private final Set<String> used = new HashSet<>();

    @Override
    void configureFinsify(FinsifyConfiguration configuration) {
        configuration.setConnectSigningKey(SIGNING_KEY);
    }

    private static String sentCallbackUrl(String path) throws Exception {
        List<LoggedRequest> requests = api.findAll(postRequestedFor(urlPathEqualTo(path)));
        assertThat(requests).hasSize(1);
        return new ObjectMapper().readTree(requests.get(0).getBodyAsString()).path("callback_url").asText();
    }

    @Test
    void createTokenSendsTheCallbackUrlWithAStateForTheCustomer() throws Exception {
        api.stubFor(post("/v2/token").willReturn(okJson(json("token"))));

        template.requestBodyAndHeaders("finsify:createToken", null, Map.of(FinsifyConstants.CUSTOMER_ID, CUSTOMER,
                FinsifyConstants.SERVICE_ID, 8, FinsifyConstants.CALLBACK_URL, CALLBACK));

        String sent = sentCallbackUrl("/v2/token");
        assertThat(sent).startsWith(CALLBACK + "/").doesNotContain(SIGNING_KEY);
        String state = sent.substring(CALLBACK.length() + 1);
        assertThat(state).doesNotContain("/");
        assertThat(verifier.verify(state, used::add).customerId()).isEqualTo(CUSTOMER);
    }

    @Test
    void reconnectSendsTheCallbackUrlWithAStateForTheCustomerTheRouteNames() throws Exception {
        api.stubFor(post("/v2/token/reconnect").willReturn(okJson(json("reconnect"))));

        template.requestBodyAndHeaders("finsify:reconnect", null, Map.of(FinsifyConstants.LOGIN_SECRET, LOGIN_SECRET,
                FinsifyConstants.CUSTOMER_ID, CUSTOMER, FinsifyConstants.CALLBACK_URL, CALLBACK));

        String sent = sentCallbackUrl("/v2/token/reconnect");
        assertThat(verifier.verify(sent.substring(CALLBACK.length() + 1), used::add).customerId()).isEqualTo(CUSTOMER);
    }

    @Test
    void reconnectTakesTheCustomerFromTheOptionToo() throws Exception {
        api.stubFor(post("/v2/token/reconnect").willReturn(okJson(json("reconnect"))));

        template.requestBodyAndHeaders("finsify:reconnect?customerId=" + CUSTOMER, null, Map.of(
                FinsifyConstants.LOGIN_SECRET, LOGIN_SECRET, FinsifyConstants.CALLBACK_URL, CALLBACK));

        String sent = sentCallbackUrl("/v2/token/reconnect");
        assertThat(verifier.verify(sent.substring(CALLBACK.length() + 1), used::add).customerId()).isEqualTo(CUSTOMER);
    }

    @Test
    void reconnectWithoutACustomerFailsNamingHeaderAndOptionAndCallsNothing() {
        Exchange exchange = template.request("finsify:reconnect", e -> {
            e.getIn().setHeader(FinsifyConstants.LOGIN_SECRET, LOGIN_SECRET);
            e.getIn().setHeader(FinsifyConstants.CALLBACK_URL, CALLBACK);
        });

        assertThat(exchange.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("customerId").hasMessageContaining(FinsifyConstants.CUSTOMER_ID)
                .hasMessageContaining("connectSigningKey").hasMessageNotContaining(LOGIN_SECRET);
        assertThat(api.findAll(postRequestedFor(urlPathEqualTo("/v2/token/reconnect")))).isEmpty();
    }

    @Test
    void aCallbackUrlWithAQueryFailsTheMessageAndCallsNothing() {
        Exchange exchange = template.request("finsify:createToken", e -> {
            e.getIn().setHeader(FinsifyConstants.CUSTOMER_ID, CUSTOMER);
            e.getIn().setHeader(FinsifyConstants.SERVICE_ID, 8);
            e.getIn().setHeader(FinsifyConstants.CALLBACK_URL, CALLBACK + "?user=1");
        });

        assertThat(exchange.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("query");
        assertThat(api.findAll(postRequestedFor(urlPathEqualTo("/v2/token")))).isEmpty();
    }
}
