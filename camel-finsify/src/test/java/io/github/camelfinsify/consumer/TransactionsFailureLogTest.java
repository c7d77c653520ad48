package io.github.camelfinsify.consumer;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import io.github.camelfinsify.FinsifyTransactionsConsumer;
import io.github.camelfinsify.test.LogCapture;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The single-login feed against an API it cannot reach: the reason once, then counted; no stack trace per poll. */
class TransactionsFailureLogTest extends SandboxConsumerTestSupport {

    private static final String CONSUMER_LOG = FinsifyTransactionsConsumer.class.getName();

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    @Override
    public boolean isUseRouteBuilder() {
        return false;
    }

    @Test
    void anUnreachableApiIsLoggedOnceWithTheReasonNotAtEveryPoll() throws Exception {
        String loginSecret = sandbox().connectLogin("user_good").secret();
        String unreachable = "http://127.0.0.1:" + closedPort() + "/v2";
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("finsify:transactions?loginSecret=RAW(" + loginSecret + ")&baseUrl=" + unreachable
                     + "&maxRetries=0&delay=50&initialDelay=0").routeId("feed").to("mock:synced");
            }
        });
        context.start();

        // DEBUG holds every failed poll: wait for a few
        await().atMost(Duration.ofSeconds(30))
                .until(() -> lines().stream().filter(l -> l.contains("The sync of route feed failed |")).count() >= 5);
        List<String> told = lines().stream().filter(l -> !l.contains(" | ")).toList();
        assertThat(told).filteredOn(l -> l.contains("failed")).singleElement().asString()
                .contains("The sync of route feed failed: ").contains("Connection refused");
        assertThat(logs.lines()).filteredOn(l -> l.contains(" | ")).allSatisfy(l -> assertThat(l)
                .startsWith(CONSUMER_LOG + " The sync of route feed failed |"));
    }

    @Test
    void aPollThatSucceedsAfterFailuresSaysHowManyFailedAndWhy() throws Exception {
        String loginSecret = sandbox().connectLogin("user_good").secret();
        sandbox().injectFault("503", 3);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("finsify:transactions?loginSecret=RAW(" + loginSecret + ")&maxRetries=0&delay=50&initialDelay=0")
                        .routeId("feed").to("mock:synced");
            }
        });
        context.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> lines().stream().anyMatch(l -> l.contains("succeeds again")));
        assertThat(lines()).filteredOn(l -> l.contains("succeeds again")).singleElement().asString()
                .startsWith(CONSUMER_LOG + " The sync of route feed succeeds again, after 3 failed polls since ")
                .contains("(last: ").contains("503");
    }

    private List<String> lines() {
        return logs.lines().stream().filter(l -> l.startsWith(CONSUMER_LOG + " ")).toList();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
