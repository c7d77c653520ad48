package io.github.camelfinsify.client;

import java.io.PrintWriter;
import java.io.StringWriter;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.camelfinsify.test.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The API echoes a login secret in {@code LoginNotFound}. Whatever the parser says about a broken body, neither the
 * exception nor any of its causes, nor their stack trace, shows a piece of that secret.
 */
class SecretsInCausesTest {

    private static final String ECHOED_SECRET = "d16bdfd0-5bd2-46d3-96c2-12313sdsda";

    @RegisterExtension
    static WireMockExtension api = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final FinsifyClient client = new FinsifyClient(FinsifyClientConfig.builder()
            .baseUrl(api.baseUrl() + "/v2")
            .clientId("sample-clientId")
            .serviceSecret("75167f66-22dc-415d-b799-c0dd73b951ca")
            .maxRetries(0)
            .build());

    @AfterEach
    void close() throws Exception {
        client.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "error body cut inside extra.loginSecret | 404 | quoted",
            "success status, body cut inside extra.loginSecret | 200 | quoted",
            "error body with the secret unquoted and cut | 404 | unquoted",
            "success status, the secret unquoted and cut | 200 | unquoted"})
    void aLoginNotFoundBodyCutInsideTheEchoedSecretLeaksNoPartOfIt(String what, int status, String quoting) {
        String sample = json("login-not-found");
        String body = sample.substring(0, sample.lastIndexOf(ECHOED_SECRET) + 13);
        if (quoting.equals("unquoted")) {
            body = body.replace("\"loginSecret\": \"", "\"loginSecret\": ");
        }
        api.stubFor(get("/v2/account").willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));

        FinsifyApiException e = catchThrowableOfType(FinsifyApiException.class,
                () -> client.accounts("78cea84c-7eb8-4425-2312-3a1ac8383afe"));

        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).doesNotContain(ECHOED_SECRET.substring(0, 8))
                .doesNotContain(ECHOED_SECRET.substring(9, 13));
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            assertThat(String.valueOf(cause.getMessage())).doesNotContain(ECHOED_SECRET.substring(0, 8));
        }
    }
}
