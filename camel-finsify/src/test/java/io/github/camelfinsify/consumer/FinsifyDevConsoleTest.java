package io.github.camelfinsify.consumer;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.camelfinsify.FinsifyDevConsole;
import io.github.camelfinsify.model.Masking;
import io.github.camelfinsify.sandbox.SandboxLogin;
import io.github.camelfinsify.sync.DirectoryLogin;
import io.github.camelfinsify.sync.MemoryLoginDirectory;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleRegistry;
import org.apache.camel.impl.console.DefaultDevConsoleRegistry;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;
import org.junit.jupiter.api.Test;

import static io.github.camelfinsify.test.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The {@code finsify} developer console, found by its name through Camel's {@link DevConsoleRegistry} (the service
 * file the build generates from {@code @DevConsole}), after real syncs against the sandbox.
 */
class FinsifyDevConsoleTest extends SandboxConsumerTestSupport {

    private static final int WINDOW_DAYS = 20;
    private static final int LOGINS = 4;
    private static final long UNKNOWN_LOGIN = 990_001L;

    private final MemoryLoginDirectory book = new MemoryLoginDirectory();
    private final List<SandboxLogin> logins = new ArrayList<>();

    @Override
    public boolean isUseRouteBuilder() {
        return false;
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        // what camel.main.devConsoleEnabled=true (or camel.server.devConsoleEnabled) sets up in Camel Main
        context.setDevConsole(true);
        context.getCamelContextExtension().addContextPlugin(DevConsoleRegistry.class,
                new DefaultDevConsoleRegistry(context));
        return context;
    }

    private DevConsole console() {
        return DevConsoleRegistry.get(context).resolveById("finsify");
    }

    private void startBookAndAwaitItsSync() throws Exception {
        for (int i = 0; i < LOGINS; i++) {
            SandboxLogin login = sandbox().connectLogin("user_good");
            logins.add(login);
            book.save(new DirectoryLogin(login.loginId(), login.secret(), login.customerId()));
        }
        book.save(new DirectoryLogin(UNKNOWN_LOGIN, "secret-the-api-does-not-know-7c41e2", "customer-gone"));
        context.getRegistry().bind("book", book);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("finsify:transactions?loginDirectory=#book&initialFromDate="
                     + LocalDate.now().minusDays(WINDOW_DAYS) + "&initialDelay=0&delay=50&reconciliationInterval=1s")
                        .routeId("book").to("mock:synced");
            }
        });
        context.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            JsonObject book = consumer("book");
            return book.getLong("loginsSynced") >= LOGINS && book.getInteger("loginsFailing") == 1;
        });
    }

    private JsonObject consumer(String routeId) {
        JsonObject json = (JsonObject) console().call(DevConsole.MediaType.JSON, Map.of());
        JsonArray consumers = (JsonArray) json.get("consumers");
        return consumers.stream().map(JsonObject.class::cast).filter(c -> routeId.equals(c.get("routeId")))
                .findFirst().orElseThrow();
    }

    @Test
    void theRegistryFindsTheConsoleByItsName() throws Exception {
        context.start();

        assertThat(console()).isInstanceOf(FinsifyDevConsole.class);
        assertThat(console().supportMediaType(DevConsole.MediaType.TEXT)).isTrue();
        assertThat(console().supportMediaType(DevConsole.MediaType.JSON)).isTrue();
    }

    @Test
    void theDirectoryConsumersCountsAfterASync() throws Exception {
        startBookAndAwaitItsSync();

        JsonObject book = consumer("book");

        assertThat(book.getString("kind")).isEqualTo("loginDirectory");
        assertThat(book.getLong("logins")).isEqualTo(LOGINS + 1);
        assertThat(book.getInteger("loginsFailing")).isEqualTo(1);
        assertThat(book.getLong("loginsNeedingUser")).isZero();
        assertThat(book.getBoolean("sweepPaused")).isFalse();
    }

    @Test
    void aStateRepositoryThatCannotTellItsSizeIsNamedAsNotReporting() throws Exception {
        startBookAndAwaitItsSync();

        JsonObject stateSize = (JsonObject) consumer("book").get("stateSize");

        assertThat(stateSize.getString("repository")).isEqualTo("MemoryStateRepository");
        assertThat(stateSize.getString("states")).isEqualTo("not reported");
    }

    @Test
    void theSyncStatisticsCountWhatTheSweepDelivered() throws Exception {
        startBookAndAwaitItsSync();
        int accounts = logins.stream().mapToInt(login -> login.accountIds().size()).sum();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonObject book = consumer("book");
            assertThat(book.getLong("accountsSynced")).isGreaterThanOrEqualTo(accounts);
            assertThat(((JsonObject) book.get("changes")).getLong("ADDED"))
                    .isEqualTo(getMockEndpoint("mock:synced").getReceivedCounter()).isPositive();
        });
        JsonObject book = consumer("book");
        JsonObject failing = (JsonObject) book.<List<Object>>getCollection("longestFailing").get(0);
        assertThat(failing.getString("login")).isEqualTo(Masking.maskId(UNKNOWN_LOGIN));
        assertThat(failing.getString("lastError")).isEqualTo("LOGIN_NOT_FOUND");
        assertThat(((JsonObject) book.get("errorsByCode")).getMap("LOGIN_NOT_FOUND").get("count")).isNotNull();
        assertThat(book.<List<Object>>getCollection("mostBehind")).hasSize(LOGINS)
                .allSatisfy(row -> assertThat(((JsonObject) row).getString("login")).startsWith("****"));
    }

    @Test
    void theWebhookOutcomesAreCountedByAnswer() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("finsify:webhook?webhookToken=RAW(" + WEBHOOK_TOKEN + ")").routeId("webhook").to("mock:events");
            }
        });
        context.start();
        Map<String, String> token = Map.of("X-Finsify-Token", WEBHOOK_TOKEN);

        post("/finsify/webhook", "application/json", json("webhook-new-transactions"), token);
        post("/finsify/webhook", "application/json", json("webhook-new-transactions"), token);
        post("/finsify/webhook", "application/json", "{\"login_id\": 21000,", token);
        post("/finsify/webhook", "text/plain", json("webhook-new-transactions"), token);
        post("/finsify/webhook", "application/json", json("webhook-new-transactions"),
                Map.of("X-Finsify-Token", "not-the-token-0123456789"));

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            JsonObject outcomes = (JsonObject) consumer("webhook").get("webhookOutcomes");
            assertThat(outcomes.getLong("processed")).isEqualTo(1);
            assertThat(outcomes.getLong("duplicate")).isEqualTo(1);
            assertThat(outcomes.getLong("400")).isEqualTo(1);
            assertThat(outcomes.getLong("415")).isEqualTo(1);
            assertThat(outcomes.getLong("401")).isEqualTo(1);
            assertThat(outcomes.getLong("5xx")).isZero();
        });
    }

    @Test
    void theFailingLoginsAreListedMasked() throws Exception {
        startBookAndAwaitItsSync();

        JsonObject book = consumer("book");

        assertThat(book.<List<Object>>getCollection("failingLogins")).containsExactly(Masking.maskId(UNKNOWN_LOGIN));
    }

    @Test
    void optionTopBoundsTheListsOfLogins() throws Exception {
        startBookAndAwaitItsSync();

        JsonObject json = (JsonObject) console().call(DevConsole.MediaType.JSON, Map.of(FinsifyDevConsole.TOP, "0"));

        JsonObject book = (JsonObject) ((JsonArray) json.get("consumers")).get(0);
        assertThat(book.<List<Object>>getCollection("failingLogins")).isEmpty();
    }

    @Test
    void aNegativeTopIsRefusedNamingTheOption() throws Exception {
        context.start();

        assertThatThrownBy(() -> console().call(DevConsole.MediaType.JSON, Map.of(FinsifyDevConsole.TOP, "-1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Option top of the finsify console must be 0 or more, was '-1'");
    }

    @Test
    void aSingleLoginFeedShowsItsLoginMasked() throws Exception {
        sandbox().webhookUrl(null);
        SandboxLogin login = sandbox().connectLogin("user_good");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("finsify:transactions?loginSecret=RAW(" + login.secret() + ")&initialDelay=0&delay=3600000")
                        .routeId("feed").to("mock:synced");
            }
        });
        context.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> consumer("feed").get("loginId") != null);
        JsonObject feed = consumer("feed");
        assertThat(feed.getString("kind")).isEqualTo("login");
        assertThat(feed.getString("loginId")).isEqualTo(Masking.maskId(login.loginId()));
        assertThat(feed.getString("endpoint")).doesNotContain(login.secret());
    }

    @Test
    void theTextFormShowsTheSameFields() throws Exception {
        startBookAndAwaitItsSync();

        String text = (String) console().call(DevConsole.MediaType.TEXT, Map.of());

        assertThat(text).startsWith("Route: book (finsify://transactions?")
                .contains("    kind: loginDirectory\n", "    logins: " + (LOGINS + 1) + "\n",
                        "    loginsFailing: 1\n",
                        "    failingLogins:\n        " + Masking.maskId(UNKNOWN_LOGIN) + "\n");
    }

    @Test
    void noSecretAndNoWholeLoginIdIsShown() throws Exception {
        startBookAndAwaitItsSync();

        String text = console().call(DevConsole.MediaType.TEXT, Map.of()) + " "
                      + console().call(DevConsole.MediaType.JSON, Map.of());

        for (SandboxLogin login : logins) {
            assertThat(text).doesNotContain(login.secret(), Long.toString(login.loginId()));
        }
        assertThat(text).doesNotContain("secret-the-api-does-not-know", Long.toString(UNKNOWN_LOGIN),
                sandbox().serviceSecret());
        assertThat(Masking.maskId(UNKNOWN_LOGIN)).isEqualTo("****0001");
    }
}
