package io.github.camelfinsify.test;

import io.github.camelfinsify.FinsifyComponent;
import io.github.camelfinsify.FinsifyConfiguration;
import io.github.camelfinsify.sandbox.FinsifySandbox;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;

/**
 * Wires a Camel context to a sandbox: a Vert.x platform-http server on the given port, the finsify component pointed
 * at the sandbox, and the sandbox's webhooks pointed at the server.
 */
public final class SandboxCamel {

    private SandboxCamel() {
    }

    /** Answers the component's configuration, for a test's own options. */
    public static FinsifyConfiguration wire(CamelContext context, FinsifySandbox sandbox, int httpPort,
                                            String webhookToken) throws Exception {
        return wire(context, sandbox, httpPort, webhookToken, null);
    }

    /** The same, with the HTTP server's own body limit ({@code camel.server.maxBodySize}; null: Vert.x's default). */
    public static FinsifyConfiguration wire(CamelContext context, FinsifySandbox sandbox, int httpPort,
                                            String webhookToken, Long serverMaxBodySize) throws Exception {
        VertxPlatformHttpServerConfiguration server = new VertxPlatformHttpServerConfiguration();
        server.setBindPort(httpPort);
        server.setMaxBodySize(serverMaxBodySize);
        context.addService(new VertxPlatformHttpServer(server));
        FinsifyConfiguration configuration = context.getComponent("finsify", FinsifyComponent.class).getConfiguration();
        configuration.setClientId(sandbox.clientId());
        configuration.setServiceSecret(sandbox.serviceSecret());
        configuration.setBaseUrl(sandbox.baseUrl());
        configuration.setServicesUrl(sandbox.servicesUrl());
        sandbox.webhookUrl("http://127.0.0.1:" + httpPort + "/finsify/webhook?token=" + webhookToken);
        return configuration;
    }
}
