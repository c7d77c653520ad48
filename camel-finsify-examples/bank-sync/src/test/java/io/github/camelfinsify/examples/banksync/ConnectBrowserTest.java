package io.github.camelfinsify.examples.banksync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.camelfinsify.sandbox.FinsifySandbox;
import io.github.camelfinsify.sandbox.FinsifySandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The demo's "browser" submits the connect form, and follows no redirect but the one to its callback URL. */
class ConnectBrowserTest {

    @RegisterExtension
    static FinsifySandboxExtension sandbox = new FinsifySandboxExtension();

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void neverFollowsTheRedirectToAnotherHost(FinsifySandbox finsify) throws Exception {
        String customer = post(finsify, "/customer", "{\"identifier\":\"browser-test\"}");
        String customerId = field(customer, "customer_id");
        String token = post(finsify, "/token", "{\"customer_id\":\"" + customerId + "\",\"service_id\":8,"
                                               + "\"callback_url\":\"http://elsewhere.invalid/finsify/connect\"}");
        String connectUrl = field(token, "connect_url");

        assertThatThrownBy(() -> new ConnectBrowser().connect(connectUrl, "http://localhost:1/finsify/connect",
                "user_good", FinsifySandbox.PASSWORD))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("http://elsewhere.invalid")
                .hasMessageContaining("not followed")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret"));
    }

    private String post(FinsifySandbox finsify, String path, String json) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(finsify.baseUrl() + path))
                .header("client-id", finsify.clientId())
                .header("service-secret", finsify.serviceSecret())
                .header("content-type", "application/json")
                .header("accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        assertThat(m.find()).as("%s in %s", name, json).isTrue();
        return m.group(1);
    }
}
