package io.github.camelfinsify.reliability;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.camelfinsify.FinsifyComponent;
import io.github.camelfinsify.FinsifyConfiguration;
import io.github.camelfinsify.client.FinsifyApiException;
import io.github.camelfinsify.client.FinsifyErrorCode;
import io.github.camelfinsify.model.FinsifyService;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.github.camelfinsify.test.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code services} operation reads a static file outside {@code /v2}, where the sandbox's faults do not reach:
 * WireMock plays the file server and fails it. It is a GET, so it is retried, and what still fails is mapped.
 */
class ServicesFaultTest {

    static final int MAX_RETRIES = 2;
    static final String PATH = "/service.json";

    @RegisterExtension
    static WireMockExtension files = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final AtomicInteger CASES = new AtomicInteger();
    private static final AtomicInteger FAULTS = new AtomicInteger();
    private static final AtomicInteger REQUESTS = new AtomicInteger();
    private static final AtomicInteger FAILED = new AtomicInteger();

    @RegisterExtension
    static final TestWatcher FAILURES = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext test, Throwable cause) {
            FAILED.incrementAndGet();
        }
    };

    private CamelContext context;
    private ProducerTemplate template;

    enum ServicesFault {
        SERVICE_UNAVAILABLE_503(FinsifyErrorCode.SERVER_MAINTENANCE, 503) {
            @Override
            ResponseDefinitionBuilder response() {
                return aResponse().withStatus(503).withHeader("content-type", "application/json")
                        .withBody("{\"error\":\"ServerMaintenance\",\"message\":\"Servers are currently undergoing "
                                  + "maintenance. Please try later\",\"extra\":{}}");
            }
        },
        HTML_BAD_GATEWAY_502(FinsifyErrorCode.UNKNOWN, 502) {
            @Override
            ResponseDefinitionBuilder response() {
                return aResponse().withStatus(502).withHeader("content-type", "text/html")
                        .withBody("<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad "
                                  + "Gateway</h1></center><hr><center>nginx</center></body></html>");
            }
        },
        CONNECTION_RESET(FinsifyErrorCode.NETWORK, -1) {
            @Override
            ResponseDefinitionBuilder response() {
                return aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER);
            }
        },
        TRUNCATED_BODY(FinsifyErrorCode.NETWORK, -1) {
            @Override
            ResponseDefinitionBuilder response() {
                String full = json("services");
                return okJson(full.substring(0, full.indexOf("\"cover_file_name\"") + 10));
            }
        },
        DELAY_PAST_TIMEOUT(FinsifyErrorCode.NETWORK, -1) {
            @Override
            ResponseDefinitionBuilder response() {
                return okJson(json("services")).withFixedDelay(3_500);
            }
        };

        final FinsifyErrorCode errorCode;
        final int statusCode;

        ServicesFault(FinsifyErrorCode errorCode, int statusCode) {
            this.errorCode = errorCode;
            this.statusCode = statusCode;
        }

        abstract ResponseDefinitionBuilder response();
    }

    @BeforeEach
    void startCamel() {
        // a context per test: the service list is cached per endpoint, and each test must reach the file server
        context = new DefaultCamelContext();
        FinsifyConfiguration configuration = context.getComponent("finsify", FinsifyComponent.class).getConfiguration();
        configuration.setClientId("sample-clientId");
        configuration.setServiceSecret("75167f66-22dc-415d-b799-c0dd73b951ca");
        configuration.setBaseUrl(files.baseUrl() + "/v2");
        configuration.setServicesUrl(files.baseUrl() + PATH);
        configuration.setMaxRetries(MAX_RETRIES);
        configuration.setRetryDelay(10);
        configuration.setResponseTimeout(1_500); // generous: a loaded machine must not time out normal answers
        context.start();
        template = context.createProducerTemplate();
    }

    @AfterEach
    void stopCamel() {
        context.stop();
    }

    @AfterAll
    static void report() {
        System.out.println("RELIABILITY: ServicesFaultTest (services over WireMock): " + CASES + " of "
                           + (CASES.get() + FAILED.get()) + " cases held, "
                           + FAULTS + " faulty responses served, " + REQUESTS + " requests, duplicates 0");
    }

    private Exchange services() {
        return template.send("finsify:services", exchange -> { });
    }

    @ParameterizedTest
    @EnumSource(ServicesFault.class)
    void servicesAreRetriedAfterOneFaultAndSucceed(ServicesFault fault) {
        files.stubFor(get(PATH).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(fault.response()).willSetStateTo("up"));
        files.stubFor(get(PATH).inScenario("flaky").whenScenarioStateIs("up").willReturn(okJson(json("services"))));

        Exchange result = services();

        assertThat(result.getException()).as("services after one %s", fault).isNull();
        List<?> body = result.getMessage().getBody(List.class);
        assertThat(body).hasSize(1).allSatisfy(s -> assertThat(s).isInstanceOf(FinsifyService.class));
        assertThat(((FinsifyService) body.get(0)).name()).isEqualTo("AmBank");
        files.verify(2, getRequestedFor(urlPathEqualTo(PATH)));
        CASES.incrementAndGet();
        FAULTS.incrementAndGet();
        REQUESTS.addAndGet(2);
    }

    @ParameterizedTest
    @EnumSource(ServicesFault.class)
    void servicesFailWithTheMappedExceptionAfterOnePlusMaxRetriesFaultsAndTheFailureIsNotCached(
            ServicesFault fault) {
        files.stubFor(get(PATH).willReturn(fault.response()));

        Exchange result = services();

        assertThat(result.getException()).isInstanceOf(FinsifyApiException.class);
        FinsifyApiException e = (FinsifyApiException) result.getException();
        assertThat(e.errorCode()).as("errorCode (%s)", e.getMessage()).isEqualTo(fault.errorCode);
        assertThat(e.statusCode()).as("statusCode (%s)", e.getMessage()).isEqualTo(fault.statusCode);
        assertThat(e.isRetryable()).as("isRetryable (%s)", e.getMessage()).isTrue();
        switch (fault) {
            case HTML_BAD_GATEWAY_502 -> assertThat(e.getMessage()).contains("HTTP 502").doesNotContain("<html>");
            case DELAY_PAST_TIMEOUT -> assertThat(e.getMessage()).contains("timed out");
            default -> {
            }
        }
        files.verify(1 + MAX_RETRIES, getRequestedFor(urlPathEqualTo(PATH)));

        // the file server is back: the same endpoint fetches again rather than remembering the failure
        files.stubFor(get(PATH).willReturn(okJson(json("services"))));
        Exchange recovered = services();
        assertThat(recovered.getException()).isNull();
        assertThat(recovered.getMessage().getBody(List.class)).hasSize(1);
        files.verify(1 + MAX_RETRIES + 1, getRequestedFor(urlPathEqualTo(PATH)));
        CASES.incrementAndGet();
        FAULTS.addAndGet(1 + MAX_RETRIES);
        REQUESTS.addAndGet(1 + MAX_RETRIES + 1);
    }
}
