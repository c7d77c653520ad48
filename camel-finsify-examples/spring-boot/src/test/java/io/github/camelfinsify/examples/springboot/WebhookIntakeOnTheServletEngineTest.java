package io.github.camelfinsify.examples.springboot;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import io.github.camelfinsify.sandbox.FinsifySandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook's intake rules hold on the servlet engine too: the token is read from header X-Finsify-Token or query
 * parameter token only, bodies over maxBodySize get 413 (declared or chunked), and error replies are JSON.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebhookIntakeOnTheServletEngineTest {

    private static final String WEBHOOK_TOKEN = "servlet-intake-token-0451";
    private static final String EVENT = "{\"status\":\"login_wrong_credentials\",\"login_id\":538}";
    private static final FinsifySandbox SANDBOX = FinsifySandbox.builder().port(0).build().start();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void finsify(DynamicPropertyRegistry properties) {
        properties.add("camel.component.finsify.client-id", SANDBOX::clientId);
        properties.add("camel.component.finsify.service-secret", SANDBOX::serviceSecret);
        properties.add("camel.component.finsify.base-url", SANDBOX::baseUrl);
        properties.add("camel.component.finsify.services-url", SANDBOX::servicesUrl);
        properties.add("camel.component.finsify.webhook-token", () -> WEBHOOK_TOKEN);
    }

    @AfterAll
    static void stopSandbox() {
        SANDBOX.close();
    }

    private HttpResponse<String> post(String query, Map<String, String> headers, HttpRequest.BodyPublisher body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/finsify/webhook"
                                                                        + query))
                .header("Content-Type", "application/json")
                .POST(body);
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "header X-Finsify-Token | | X-Finsify-Token | 200",
            "query parameter token | ?token= | | 200",
            "query parameter named like the header | ?X-Finsify-Token= | | 401",
            "query parameter TOKEN | ?TOKEN= | | 401",
            "header named token | | token | 401"})
    void theTokenCountsInTheHeaderOrTheTokenParameterOnly(String where, String query, String header, int status)
            throws Exception {
        HttpResponse<String> response = post(query == null ? "" : query + WEBHOOK_TOKEN,
                header == null ? Map.of() : Map.of(header, WEBHOOK_TOKEN), HttpRequest.BodyPublishers.ofString(EVENT));

        assertThat(response.statusCode()).as(where).isEqualTo(status);
    }

    @Test
    void declaredBodyOverMaxBodySizeGets413() throws Exception {
        HttpResponse<String> response = post("", Map.of("X-Finsify-Token", WEBHOOK_TOKEN),
                HttpRequest.BodyPublishers.ofByteArray(new byte[1_048_577]));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).startsWith("{\"error\":");
    }

    @Test
    void chunkedBodyOverMaxBodySizeGets413() throws Exception {
        HttpResponse<String> response = post("", Map.of("X-Finsify-Token", WEBHOOK_TOKEN),
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[1_048_577])));

        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void contentAfterTheEventGets400() throws Exception {
        HttpResponse<String> response = post("", Map.of("X-Finsify-Token", WEBHOOK_TOKEN),
                HttpRequest.BodyPublishers.ofString(EVENT + " trailing"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).startsWith("{\"error\":\"not a Finsify event");
    }
}
