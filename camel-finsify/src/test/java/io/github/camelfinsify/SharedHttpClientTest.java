package io.github.camelfinsify;

import java.util.concurrent.atomic.AtomicInteger;

import io.github.camelfinsify.client.FinsifyClient;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static io.github.camelfinsify.test.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Endpoints with the same client settings share one HTTP client (one connection pool), which lives as long as one of
 * them runs and is closed with the last.
 */
class SharedHttpClientTest extends FinsifyWireMockTestSupport {

    private final AtomicInteger httpClientsBuilt = new AtomicInteger();
    private final HttpClientConfigurer countingConfigurer = builder -> httpClientsBuilt.incrementAndGet();

    @Override
    public boolean isUseRouteBuilder() {
        return false;
    }

    @Override
    void configureFinsify(FinsifyConfiguration configuration) {
        configuration.setHttpClientConfigurer(countingConfigurer);
    }

    private void routes(String... uris) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                for (int i = 0; i < uris.length; i++) {
                    from("direct:p" + i).routeId("p" + i).to(uris[i]);
                }
            }
        });
        context.start();
    }

    private FinsifyEndpoint endpoint(String uri) {
        return context.getEndpoint(uri, FinsifyEndpoint.class);
    }

    @Test
    void endpointsWithTheSameClientSettingsBuildOneHttpClient() throws Exception {
        api.stubFor(get("/v2/account").willReturn(okJson(json("accounts"))));
        api.stubFor(get("/service.json").willReturn(okJson(json("services"))));
        routes("finsify:accounts?loginSecret=RAW(" + LOGIN_SECRET + ")", "finsify:services", "finsify:refreshLogin");

        template.sendBody("direct:p0", "");
        template.sendBody("direct:p1", "");

        assertThat(httpClientsBuilt).hasValue(1);
        assertThat(endpoint("finsify:services").getClient()).isSameAs(endpoint("finsify:refreshLogin").getClient());
    }

    @Test
    void endpointsWithOtherClientSettingsBuildTheirOwn() throws Exception {
        routes("finsify:accounts", "finsify:accounts?responseTimeout=5000", "finsify:accounts?maxRetries=0");

        assertThat(httpClientsBuilt).hasValue(3);
    }

    @Test
    void theSharedClientOutlivesAnEndpointThatStopsAndClosesWithTheLast() throws Exception {
        api.stubFor(get("/v2/account").willReturn(okJson(json("accounts"))));
        routes("finsify:accounts", "finsify:refreshLogin");
        FinsifyClient shared = endpoint("finsify:accounts").getClient();

        context.removeEndpoint(endpoint("finsify:refreshLogin"));
        assertThat(shared.accounts(LOGIN_SECRET).data()).isNotEmpty();

        context.stop();
        assertThatThrownBy(() -> shared.accounts(LOGIN_SECRET))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("shut down");
    }
}
