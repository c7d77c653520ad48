package io.github.camelfinsify.consumer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import io.github.camelfinsify.test.SandboxCamel;
import io.github.camelfinsify.sandbox.FinsifySandbox;
import io.github.camelfinsify.sandbox.FinsifySandboxExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.test.AvailablePortFinder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A Camel context with a real platform-http server (Vert.x) on a free port, and a fresh Finsify sandbox per test whose
 * webhooks point at that server.
 */
abstract class SandboxConsumerTestSupport extends CamelTestSupport {

    static final String WEBHOOK_TOKEN = "whk-7f3a9c1e-5b2d-4e8f-a6c0-d91b3e2f4a57";

    @RegisterExtension
    final FinsifySandboxExtension sandboxExtension = new FinsifySandboxExtension(b -> b
            .refreshCooldown(Duration.ZERO)
            .webhookRetryDelay(Duration.ofMillis(50)));

    final int httpPort = AvailablePortFinder.getNextAvailable();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    FinsifySandbox sandbox() {
        return sandboxExtension.sandbox();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        SandboxCamel.wire(context, sandbox(), httpPort, WEBHOOK_TOKEN, serverMaxBodySize()).setRetryDelay(20);
        return context;
    }

    /** The HTTP server's own body limit ({@code camel.server.maxBodySize}); null: Vert.x's default (10 MiB). */
    Long serverMaxBodySize() {
        return null;
    }

    String url(String path) {
        return "http://127.0.0.1:" + httpPort + path;
    }

    HttpResponse<String> post(String path, String contentType, String body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(pathAndQuery))).timeout(Duration.ofSeconds(10)).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
