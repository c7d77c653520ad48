package io.github.camelfinsify.examples.kamelets;

import java.io.IOException;
import java.net.ServerSocket;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.main.Main;

/** Runs routes that use the Kamelets of src/main/resources/kamelets in Camel Main, as Camel K runs them. */
final class KameletRunner implements AutoCloseable {

    private final Main main = new Main();

    KameletRunner(RoutesBuilder routes) {
        main.configure().addRoutesBuilder(routes);
        main.addInitialProperty("camel.component.kamelet.location", "classpath:kamelets");
        main.addInitialProperty("camel.main.auto-configuration-log-summary", "false");
    }

    /**
     * With an HTTP server (platform-http on Vert.x) on this port, for the webhook source, and its body limit for
     * other routes (the webhook source reads at most its own 1 MiB; see docs/security.md).
     */
    KameletRunner withHttpServer(int port) {
        main.addInitialProperty("camel.server.enabled", "true");
        main.addInitialProperty("camel.server.port", Integer.toString(port));
        main.addInitialProperty("camel.server.maxBodySize", "1048576");
        return this;
    }

    KameletRunner start() throws Exception {
        main.start();
        return this;
    }

    CamelContext context() {
        return main.getCamelContext();
    }

    ProducerTemplate template() throws Exception {
        return main.getCamelTemplate();
    }

    @Override
    public void close() throws Exception {
        main.stop();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
