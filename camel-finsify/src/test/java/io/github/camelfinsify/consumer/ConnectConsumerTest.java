package io.github.camelfinsify.consumer;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.github.camelfinsify.FinsifyConnectConsumer;
import io.github.camelfinsify.FinsifyConstants;
import io.github.camelfinsify.model.ConnectResult;
import io.github.camelfinsify.test.LogCapture;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.github.camelfinsify.test.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code finsify:connect} turns the browser's callback redirect into a {@link ConnectResult} and never shows the secret.
 */
class ConnectConsumerTest extends SandboxConsumerTestSupport {

    private static final String SECRET = "78cea84c-7eb8-4425-2312-3a1ac8383afe";

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("finsify:connect").routeId("connect").to("mock:connected");
                from("finsify:connect?path=/bank/done&redirectUrl=https://app.example.com/banks").to("mock:redirected");
            }
        };
    }

    /** Percent-encoding as RFC 3986 has it: a space is %20 (URLEncoder's form encoding would make it a plus). */
    private static String encoded(String json) {
        return URLEncoder.encode(json, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private ConnectResult onlyDelivered() {
        MockEndpoint connected = getMockEndpoint("mock:connected");
        assertThat(connected.getReceivedExchanges()).hasSize(1);
        return connected.getReceivedExchanges().get(0).getIn().getBody(ConnectResult.class);
    }

    @Test
    void jsonInTheLastPathSegmentBecomesAConnectResult() throws Exception {
        MockEndpoint connected = getMockEndpoint("mock:connected");

        HttpResponse<String> page = get("/finsify/connect/" + encoded(json("connect-success")));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("connected").doesNotContain(SECRET);
        assertThat(connected.getReceivedExchanges()).hasSize(1);
        assertThat(connected.getReceivedExchanges().get(0).getIn().getBody())
                .isEqualTo(new ConnectResult("success", 23456L, SECRET));
        assertThat(connected.getReceivedExchanges().get(0).getIn().getHeader(FinsifyConstants.LOGIN_ID))
                .isEqualTo(23456L);
    }

    @Test
    void jsonInTheDataParameterBecomesAConnectResult() throws Exception {
        HttpResponse<String> page = get("/finsify/connect?data=" + encoded(json("connect-success")));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(getMockEndpoint("mock:connected").getReceivedExchanges().get(0).getIn()
                .getBody(ConnectResult.class).secret()).isEqualTo(SECRET);
    }

    @Test
    void failureStatusIsDeliveredToo() throws Exception {
        HttpResponse<String> page = get("/finsify/connect/" + encoded("{\"status\":\"login_wrong_credentials\"}"));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("not connected", "login_wrong_credentials");
        ConnectResult result = getMockEndpoint("mock:connected").getReceivedExchanges().get(0).getIn()
                .getBody(ConnectResult.class);
        assertThat(result.isSuccess()).isFalse();
        assertThat(result.loginId()).isNull();
    }

    @Test
    void browserIsRedirectedWhenRedirectUrlIsSet() throws Exception {
        HttpResponse<String> response = get("/bank/done/" + encoded(json("connect-success")));

        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location")).contains("https://app.example.com/banks");
        assertThat(response.body()).doesNotContain(SECRET);
        assertThat(getMockEndpoint("mock:redirected").getReceivedCounter()).isEqualTo(1);
    }

    @Test
    void callbackWithoutAResultGets400AndIsNotDelivered() throws Exception {
        assertThat(get("/finsify/connect/not-json").statusCode()).isEqualTo(400);
        assertThat(get("/finsify/connect").statusCode()).isEqualTo(400);
        assertThat(getMockEndpoint("mock:connected").getReceivedCounter()).isZero();
    }

    @Test
    void aPlusInTheSecretStaysAPlus() throws Exception {
        // browsers leave a '+' of a path as it is: only percent-escapes are decoded (RFC 3986)
        String path = "/finsify/connect/" + encoded("{\"status\":\"success\",\"login_id\":23456,\"secret\":\"")
                      + "ab+cd%2Bef" + encoded("\"}");

        assertThat(get(path).statusCode()).isEqualTo(200);
        assertThat(onlyDelivered().secret()).isEqualTo("ab+cd+ef");
    }

    @Test
    void aSuccessWithoutASecretIsNotAConnectionAndIsNotDelivered() throws Exception {
        HttpResponse<String> page = get("/finsify/connect/" + encoded("{\"status\":\"success\",\"login_id\":23456}"));

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).doesNotContain("Your bank is connected").contains("secret");
        assertThat(getMockEndpoint("mock:connected").getReceivedCounter()).isZero();
    }

    @Test
    void aSuccessWithoutALoginIdIsNotAConnectionAndIsNotDelivered() throws Exception {
        HttpResponse<String> page = get("/finsify/connect/" + encoded("{\"status\":\"success\",\"secret\":\""
                                                                      + SECRET + "\"}"));

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).doesNotContain("Your bank is connected").contains("login_id").doesNotContain(SECRET);
        assertThat(getMockEndpoint("mock:connected").getReceivedCounter()).isZero();
    }

    @Test
    void aSuccessWithASecretThatIsNotAStringIsNotAConnectionAndIsNotDelivered() throws Exception {
        for (String secret : new String[] { "12345", "{\"value\":\"x\"}", "[\"x\"]", "true", "\"\"" }) {
            HttpResponse<String> page = get("/finsify/connect/" + encoded(
                    "{\"status\":\"success\",\"login_id\":23456,\"secret\":" + secret + "}"));

            assertThat(page.statusCode()).as(secret).isEqualTo(400);
            assertThat(page.body()).as(secret).doesNotContain("Your bank is connected");
        }
        assertThat(getMockEndpoint("mock:connected").getReceivedCounter()).isZero();
    }

    @Test
    void aFailedConnectReachesTheRouteWithoutASecret() throws Exception {
        HttpResponse<String> page = get("/finsify/connect/" + encoded(
                "{\"status\":\"login_wrong_credentials\",\"login_id\":23456,\"secret\":\"" + SECRET + "\"}"));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("not connected").doesNotContain(SECRET);
        assertThat(onlyDelivered()).isEqualTo(new ConnectResult("login_wrong_credentials", 23456L, null));
    }

    @Test
    void aPathThatOnlyStartsLikeTheConsumersPathIsNotAnswered() throws Exception {
        HttpResponse<String> page = get("/finsify/connectEVIL/" + encoded(json("connect-success")));

        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).doesNotContain(SECRET);
        assertThat(getMockEndpoint("mock:connected").getReceivedCounter()).isZero();
    }

    @Test
    void withoutASigningKeyEachConnectConsumerWarnsOnceAtStart() throws Exception {
        assertThat(signingKeyWarnings()).containsExactlyInAnyOrder("/finsify/connect", "/bank/done");

        context.getRouteController().stopRoute("connect");
        context.getRouteController().startRoute("connect");

        assertThat(signingKeyWarnings()).containsExactlyInAnyOrder("/finsify/connect", "/bank/done",
                "/finsify/connect");
    }

    /** The paths named by the warnings about a missing connectSigningKey, one per warning. */
    private List<String> signingKeyWarnings() {
        return logs.lines().stream()
                .filter(line -> line.startsWith(FinsifyConnectConsumer.class.getName())
                                && line.contains("connectSigningKey"))
                .map(line -> line.contains("/bank/done") ? "/bank/done" : "/finsify/connect")
                .toList();
    }
}
