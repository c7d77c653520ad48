package io.github.camelfinsify.examples.kamelets;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.KameletMain;

/**
 * Runs a user's YAML route, written to a file, with KameletMain (the engine of {@code camel run}), which finds the
 * Kamelets of src/main/resources/kamelets through {@code camel.component.kamelet.location}, as Camel K does.
 */
final class KameletRunner implements AutoCloseable {

    private final KameletMain main = new KameletMain("camel-finsify-kamelets-test");

    /**
     * @param directory  where the route file goes
     * @param yamlRoute  the route, in Camel's YAML DSL
     * @param properties what a user passes with {@code camel run --prop} (placeholders of the route)
     */
    KameletRunner(Path directory, String yamlRoute, Map<String, String> properties) throws IOException {
        Path route = Files.writeString(directory.resolve("route.camel.yaml"), yamlRoute);
        // everything the Kamelets need is on the class path: never fetch from Maven or GitHub
        main.setDownload(false);
        main.addInitialProperty("camel.component.kamelet.location", "classpath:kamelets");
        main.addInitialProperty("camel.main.routes-include-pattern", "file:" + route.toAbsolutePath());
        // Camel Main's start-up summary prints Kamelet properties such as serviceSecret and loginSecret in clear
        main.addInitialProperty("camel.main.auto-configuration-log-summary", "false");
        properties.forEach(main::addInitialProperty);
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

    ProducerTemplate producer() {
        return context().createProducerTemplate();
    }

    /** The messages that reach this endpoint (seda:...) of the user's route, from now on, in order. */
    List<Received> received(String endpoint) throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        context().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(endpoint).process(e -> received.add(new Received(e.getMessage().getBody(String.class),
                        new HashMap<>(e.getMessage().getHeaders()))));
            }
        });
        return received;
    }

    /** One received message: its body as text and its headers. */
    record Received(String body, Map<String, Object> headers) {
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
