package io.github.camelfinsify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.camelfinsify.test.RawHttpConnection;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;
import org.apache.camel.test.AvailablePortFinder;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unauthenticated clients cannot exhaust the receiver's memory: 80 concurrent 9 MiB bodies (40 with a declared
 * length, 40 chunked) with a wrong token, against {@code finsify:webhook} on Camel Main's Vert.x server in a JVM of
 * {@code -Xmx64m} (this class runs in the low-memory surefire execution), while a valid webhook is sent again and
 * again. Every valid webhook is served, no flood request gets a 2xx, and nothing runs out of memory.
 */
class WebhookFloodLowMemoryTest {

    private static final String TOKEN = "flood-test-token-8c1d2e";
    private static final int CLIENTS_PER_KIND = 40;
    private static final long BODY_SIZE = 9L * 1024 * 1024;
    private static final long FIRST_PART = 32 * 1024;
    private static final String EVENT = "{\"login_id\":21000,\"timestamp\":1467331200000,\"accounts\":[{\"id\":19316}],"
                                        + "\"new\":1,\"referenceId\":\"%s\"}";

    private final Main main = new Main();
    private final int port = AvailablePortFinder.getNextAvailable();
    private final AtomicInteger delivered = new AtomicInteger();
    private final List<Throwable> outOfMemory = new CopyOnWriteArrayList<>();
    private AbstractAppender appender;

    @BeforeEach
    void captureOutOfMemoryErrors() {
        appender = new AbstractAppender("flood-oom", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                for (Throwable t = event.getThrown(); t != null; t = t.getCause()) {
                    if (t instanceof OutOfMemoryError) {
                        outOfMemory.add(t);
                    }
                }
            }
        };
        appender.start();
        LoggerContext logging = (LoggerContext) LogManager.getContext(false);
        // every logger of log4j2-test.xml is additive: the root sees each event once
        logging.getConfiguration().getRootLogger().addAppender(appender, Level.ALL, null);
        logging.updateLoggers();
    }

    /** Camel Main's server; {@code serverMaxBodySize} is {@code camel.server.maxBodySize}, empty for Vert.x's default. */
    private void start(String serverMaxBodySize) throws Exception {
        if (!serverMaxBodySize.isEmpty()) {
            main.addInitialProperty("camel.server.maxBodySize", serverMaxBodySize);
        }
        main.addInitialProperty("camel.server.enabled", "true");
        main.addInitialProperty("camel.server.host", "127.0.0.1");
        main.addInitialProperty("camel.server.port", String.valueOf(port));
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("finsify:webhook?webhookToken=RAW(" + TOKEN + ")").process(e -> delivered.incrementAndGet());
            }
        });
        main.start();
    }

    @AfterEach
    void stop() {
        main.stop();
        LoggerContext logging = (LoggerContext) LogManager.getContext(false);
        logging.getConfiguration().getRootLogger().removeAppender(appender.getName());
        logging.updateLoggers();
        appender.stop();
    }

    /**
     * One flood client: the head and the first part of the body, then, once every client is that far, as much of the
     * rest as the server takes; the status it got, or -1 when the connection was cut first.
     */
    private int flood(boolean chunked, CountDownLatch flooding) throws InterruptedException {
        Map<String, String> head = chunked
                ? Map.of("Content-Type", "application/json", "Transfer-Encoding", "chunked", "X-Finsify-Token", "guess")
                : Map.of("Content-Type", "application/json", "Content-Length", String.valueOf(BODY_SIZE),
                        "X-Finsify-Token", "guess");
        RawHttpConnection connection = null;
        try {
            try {
                connection = new RawHttpConnection(port, Duration.ofSeconds(60)).postHead("/finsify/webhook", head);
                if (chunked) {
                    connection.sendChunks(FIRST_PART);
                } else {
                    connection.sendBody(FIRST_PART);
                }
            } finally {
                flooding.countDown();
            }
            flooding.await();
            // once the server answered it reads no more of the body: sending stops when it closes the connection
            if (chunked) {
                connection.sendChunks(BODY_SIZE - FIRST_PART).send("0\r\n\r\n");
            } else {
                connection.sendBody(BODY_SIZE - FIRST_PART);
            }
            return connection.readStatus();
        } catch (IOException cut) {
            return -1;
        } finally {
            if (connection != null) {
                try {
                    connection.close();
                } catch (IOException ignored) {
                    // already closed by the server
                }
            }
        }
    }

    @ParameterizedTest(name = "camel.server.maxBodySize=''{0}''")
    @ValueSource(strings = { "", "1048576" })
    void oversizedBodiesWithAWrongTokenNeitherExhaustTheHeapNorStopValidWebhooks(String serverMaxBodySize)
            throws Exception {
        start(serverMaxBodySize);
        assertThat(Runtime.getRuntime().maxMemory()).as("this test must run with -Xmx64m")
                .isLessThanOrEqualTo(70L * 1024 * 1024);
        ExecutorService clients = Executors.newFixedThreadPool(2 * CLIENTS_PER_KIND);
        CountDownLatch flooding = new CountDownLatch(2 * CLIENTS_PER_KIND);
        List<Future<Integer>> flood = new ArrayList<>();
        for (int i = 0; i < CLIENTS_PER_KIND; i++) {
            flood.add(clients.submit(() -> flood(false, flooding)));
            flood.add(clients.submit(() -> flood(true, flooding)));
        }
        clients.shutdown();
        assertThat(flooding.await(1, TimeUnit.MINUTES)).isTrue();

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<Integer> valid = new ArrayList<>();
        do {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/finsify/webhook"))
                    .timeout(Duration.ofSeconds(20))
                    .header("Content-Type", "application/json")
                    .header("X-Finsify-Token", TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofString(EVENT.formatted("flood-probe-" + valid.size())))
                    .build();
            valid.add(http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
        } while (!clients.isTerminated() || valid.size() < 3);
        assertThat(clients.awaitTermination(1, TimeUnit.MINUTES)).isTrue();

        List<Integer> floodStatuses = new ArrayList<>();
        for (Future<Integer> client : flood) {
            floodStatuses.add(client.get());
        }
        System.out.println("RELIABILITY: webhook flood (camel.server.maxBodySize '" + serverMaxBodySize + "'): "
                           + flood.size() + " clients of " + BODY_SIZE / 1024 / 1024 + " MiB with a wrong token "
                           + "(half chunked), heap " + Runtime.getRuntime().maxMemory() / 1024 / 1024
                           + " MiB: flood answers " + count(floodStatuses) + "; " + valid.size()
                           + " valid webhooks meanwhile, answers " + count(valid) + "; " + outOfMemory.size()
                           + " OutOfMemoryErrors");
        assertThat(valid).containsOnly(200);
        assertThat(delivered).hasValue(valid.size());
        assertThat(floodStatuses).allMatch(status -> status == 401 || status == -1);
        assertThat(floodStatuses).contains(401);
        assertThat(outOfMemory).isEmpty();
    }

    private static Map<Integer, Long> count(List<Integer> statuses) {
        Map<Integer, Long> counts = new TreeMap<>();
        statuses.forEach(s -> counts.merge(s, 1L, Long::sum));
        return counts;
    }
}
