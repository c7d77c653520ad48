package io.github.camelfinsify;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * A Camel context whose finsify component talks to a WireMock server on a free port, as a web service partner.
 */
abstract class FinsifyWireMockTestSupport extends CamelTestSupport {

    static final String CLIENT_ID = "sample-clientId";
    static final String SERVICE_SECRET = "75167f66-22dc-415d-b799-c0dd73b951ca";
    static final String LOGIN_SECRET = "78cea84c-7eb8-4425-2312-3a1ac8383afe";

    @RegisterExtension
    static WireMockExtension api = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        FinsifyConfiguration configuration = context.getComponent("finsify", FinsifyComponent.class).getConfiguration();
        configuration.setClientId(CLIENT_ID);
        configuration.setServiceSecret(SERVICE_SECRET);
        configuration.setBaseUrl(api.baseUrl() + "/v2");
        configuration.setServicesUrl(api.baseUrl() + "/service.json");
        configuration.setRetryDelay(10);
        configureFinsify(configuration);
        return context;
    }

    /** Hook for a test class's own component options. */
    void configureFinsify(FinsifyConfiguration configuration) {
    }
}
