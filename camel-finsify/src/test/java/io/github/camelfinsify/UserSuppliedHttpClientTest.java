package io.github.camelfinsify;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.DefaultRegistry;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static io.github.camelfinsify.test.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An Apache HttpClient of the user's, bound in the registry, carries every endpoint's calls; the component never
 * closes it.
 */
class UserSuppliedHttpClientTest extends FinsifyWireMockTestSupport {

    private final List<String> seenByUserClient = new CopyOnWriteArrayList<>();
    private final CloseableHttpClient userClient = HttpClients.custom()
            .addRequestInterceptorFirst((request, entity, context) -> seenByUserClient.add(request.getPath()))
            .build();

    @Override
    public boolean isUseRouteBuilder() {
        return false;
    }

    @Override
    protected Registry createCamelRegistry() throws Exception {
        Registry registry = new DefaultRegistry();
        registry.bind("apiHttpClient", userClient);
        return registry;
    }

    @AfterEach
    void closeUserClient() throws Exception {
        userClient.close();
    }

    private void routes(String... uris) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                for (int i = 0; i < uris.length; i++) {
                    from("direct:p" + i).to(uris[i]);
                }
            }
        });
        context.start();
    }

    @Test
    void everyEndpointCallsThroughTheAutowiredClient() throws Exception {
        api.stubFor(get("/v2/account").willReturn(okJson(json("accounts"))));
        api.stubFor(get("/service.json").willReturn(okJson(json("services"))));
        routes("finsify:accounts?loginSecret=RAW(" + LOGIN_SECRET + ")", "finsify:services?responseTimeout=5000");

        template.sendBody("direct:p0", "");
        template.sendBody("direct:p1", "");

        assertThat(seenByUserClient).containsExactly("/v2/account", "/service.json");
    }

    @Test
    void stoppingTheContextLeavesTheUsersClientOpen() throws Exception {
        api.stubFor(get("/service.json").willReturn(okJson(json("services"))));
        routes("finsify:services");
        template.sendBody("direct:p0", "");

        context.stop();

        String body = userClient.execute(new HttpGet(api.baseUrl() + "/service.json"),
                response -> EntityUtils.toString(response.getEntity()));
        assertThat(body).contains("AmBank");
    }

    @Test
    void anEndpointsOwnClientWinsOverTheComponents() throws Exception {
        List<String> seenByEndpointClient = new CopyOnWriteArrayList<>();
        try (CloseableHttpClient endpointClient = HttpClients.custom()
                .addRequestInterceptorFirst((request, entity, context) -> seenByEndpointClient.add(request.getPath()))
                .build()) {
            context.getRegistry().bind("endpointHttpClient", endpointClient);
            api.stubFor(get("/v2/account").willReturn(okJson(json("accounts"))));
            routes("finsify:accounts?httpClient=#endpointHttpClient&loginSecret=RAW(" + LOGIN_SECRET + ")");

            template.sendBody("direct:p0", "");

            assertThat(seenByEndpointClient).containsExactly("/v2/account");
            assertThat(seenByUserClient).isEmpty();
        }
    }

    @Test
    void tlsOptionsBesideASuppliedClientFailAtStartNamingBoth() {
        context.getRegistry().bind("pinned", new SSLContextParameters());

        assertThatThrownBy(() -> routes("finsify:accounts?sslContextParameters=#pinned"))
                .rootCause()
                .hasMessageContaining("httpClient")
                .hasMessageContaining("sslContextParameters");
    }
}
