package io.github.camelfinsify.consumer;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.camelfinsify.FinsifyDirectoryConsumer;
import io.github.camelfinsify.sandbox.SandboxLogin;
import io.github.camelfinsify.sync.DirectoryLogin;
import io.github.camelfinsify.sync.MemoryLoginDirectory;
import io.github.camelfinsify.test.LogCapture;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the multi-login consumer tells an operator: its sweeps' progress in one line each, and a failing API once with
 * the reason, then as a count; never a stack trace per login and retry.
 */
class DirectoryFailureLogTest extends SandboxConsumerTestSupport {

    private static final String CONSUMER_LOG = FinsifyDirectoryConsumer.class.getName();

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    @Override
    public boolean isUseRouteBuilder() {
        return false;
    }

    @Test
    void anUnreachableApiIsLoggedOnceWithTheReasonThenCounted() throws Exception {
        sweepUnreachableApi(10, "maxRetries=0", 3);

        List<String> lines = consumerLines();
        assertThat(lines.stream().filter(l -> l.contains("was not synced"))).as("failures logged one by one")
                .hasSize(1).allSatisfy(l -> assertThat(l).contains("Connection refused"));
        assertThat(lines).filteredOn(l -> l.contains("reached the end of the book")).last().asString()
                .contains("10 logins handed out").containsPattern("[1-9][0-9]* failed attempts");
        assertThat(logs.lines()).as("stack traces").noneMatch(l -> l.contains(" | "));
    }

    @Test
    void theClientsRetriesOfAnUnreachableApiAddNoWarnings() throws Exception {
        sweepUnreachableApi(3, "maxRetries=2&retryDelay=10", 2);

        assertThat(logs.lines()).as("the retries happened").anyMatch(l -> l.contains("retry 2 of 2"));
        assertThat(logs.warnings()).as("warnings").hasSize(1)
                .allSatisfy(l -> assertThat(l).startsWith(CONSUMER_LOG).contains("was not synced"));
    }

    @Test
    void aSyncThatSucceedsAfterFailuresSaysHowManyFailedAndWhy() throws Exception {
        bookOf(1);
        sandbox().injectFault("503", 2);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("finsify:transactions?loginDirectory=#book&maxRetries=0&reconciliationInterval=1s&delay=50"
                     + "&initialDelay=0").to("mock:synced");
            }
        });
        context.start();

        await().atMost(Duration.ofSeconds(30))
                .until(() -> consumerLines().stream().anyMatch(l -> l.contains("succeed again")));
        assertThat(consumerLines()).filteredOn(l -> l.contains("succeed again")).singleElement().asString()
                .contains("Syncs succeed again, after 2 failed attempts since ").contains("(last: ").contains("503");
    }

    @Test
    void theSweepSaysHowFarItIsAndWhatItDelivered() throws Exception {
        bookOf(5);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("finsify:transactions?loginDirectory=#book&reconciliationInterval=1s&delay=50&initialDelay=0")
                        .to("mock:synced");
            }
        });
        context.start();

        await().atMost(Duration.ofSeconds(30))
                .until(() -> consumerLines().stream().anyMatch(l -> l.contains("Sweep 2 reached the end")));
        String line = consumerLines().stream().filter(l -> l.contains("Sweep 2 reached the end of the book"))
                .findFirst().orElseThrow();
        assertThat(line).contains("5 logins handed out").containsPattern("[1-9][0-9]* changes delivered")
                .doesNotContain("failed attempts");
        // every login of the first sweep completed before the second handed out its last
        Matcher completed = Pattern.compile("(\\d+) login syncs completed").matcher(line);
        assertThat(completed.find()).isTrue();
        assertThat(Integer.parseInt(completed.group(1))).isGreaterThanOrEqualTo(5);
    }

    @Test
    void aStoredSweepPositionThatIsNotALoginIdIsReportedAndTheSweepStartsFromTheFirstLogin() throws Exception {
        bookOf(2);
        MemoryStateRepository state = new MemoryStateRepository();
        state.setState(FinsifyDirectoryConsumer.sweepCursorKey("book"), "login-17");
        context.getRegistry().bind("syncState", state);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("finsify:transactions?loginDirectory=#book&stateRepository=#syncState"
                     + "&reconciliationInterval=1s&delay=50&initialDelay=0").routeId("book").to("mock:synced");
            }
        });
        context.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> !getMockEndpoint("mock:synced").getExchanges().isEmpty());
        assertThat(logs.warnings()).as("warnings").hasSize(1).allSatisfy(l -> assertThat(l).startsWith(CONSUMER_LOG)
                .contains("finsify-sweep:book:cursor").contains("'login-17'").contains("first login"));
    }

    private void bookOf(int logins) {
        MemoryLoginDirectory book = new MemoryLoginDirectory();
        for (SandboxLogin login : sandbox().connectLogins("user_good", logins)) {
            book.save(new DirectoryLogin(login.loginId(), login.secret(), login.customerId()));
        }
        context.getRegistry().bind("book", book);
    }

    /** A book of {@code logins} swept against a closed port until {@code sweeps} sweeps reached its end. */
    private void sweepUnreachableApi(int logins, String options, int sweeps) throws Exception {
        bookOf(logins);
        String unreachable = "http://127.0.0.1:" + closedPort() + "/v2";
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("finsify:transactions?loginDirectory=#book&baseUrl=" + unreachable + "&" + options
                     + "&reconciliationInterval=500ms&delay=50&initialDelay=0").to("mock:synced");
            }
        });
        context.start();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> consumerLines().stream().filter(l -> l.contains("reached the end of the book")).count()
                             >= sweeps);
    }

    private List<String> consumerLines() {
        return logs.lines().stream().filter(l -> l.startsWith(CONSUMER_LOG + " ")).toList();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
