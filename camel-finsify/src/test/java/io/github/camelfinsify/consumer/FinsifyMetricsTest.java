package io.github.camelfinsify.consumer;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.camelfinsify.FinsifyComponent;
import io.github.camelfinsify.FinsifyConstants;
import io.github.camelfinsify.FinsifyTransactionsConsumer;
import io.github.camelfinsify.sandbox.SandboxLogin;
import io.github.camelfinsify.sandbox.SandboxTransaction;
import io.github.camelfinsify.sync.DirectoryLogin;
import io.github.camelfinsify.sync.MemoryLoginDirectory;
import io.github.camelfinsify.test.SettableClock;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.junit.jupiter.api.Test;

import static io.github.camelfinsify.test.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * The finsify meters, read from a {@link SimpleMeterRegistry} bound as camel-micrometer's {@code metricsRegistry},
 * after real calls, syncs and webhooks against the sandbox.
 */
class FinsifyMetricsTest extends SandboxConsumerTestSupport {

    private static final int WINDOW_DAYS = 20;
    private static final String UNKNOWN_SECRET = "secret-the-api-does-not-know-7c41e2";

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final SettableClock clock = new SettableClock(Instant.now());

    @Override
    public boolean isUseRouteBuilder() {
        return false;
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.getRegistry().bind(MicrometerConstants.METRICS_REGISTRY_NAME, meters);
        context.getComponent("finsify", FinsifyComponent.class).setClock(clock);
        return context;
    }

    private long calls(String operation, int status, String error) {
        Timer timer = meters.find("finsify.api.calls")
                .tags("operation", operation, "status", Integer.toString(status), "error", error).timer();
        return timer == null ? 0 : timer.count();
    }

    private double counter(String name, String... tags) {
        return meters.get(name).tags(tags).functionCounter().count();
    }

    private double gauge(String name, String routeId) {
        return meters.get(name).tag("routeId", routeId).gauge().value();
    }

    private List<?> accounts(String loginSecret) {
        return template.requestBodyAndHeader("finsify:accounts", null, FinsifyConstants.LOGIN_SECRET, loginSecret,
                List.class);
    }

    /** A single-login feed that polls only when told to, so each sync is one call of {@code syncNow}. */
    private FinsifyTransactionsConsumer feed(SandboxLogin login) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("finsify:transactions?loginSecret=RAW(" + login.secret() + ")&accountId="
                     + login.accountIds().get(0) + "&initialFromDate=" + LocalDate.now().minusDays(WINDOW_DAYS)
                     + "&initialDelay=3600000&delay=3600000").routeId("feed").to("mock:synced");
            }
        });
        context.start();
        return (FinsifyTransactionsConsumer) context.getRoute("feed").getConsumer();
    }

    private void webhookRoute(String options) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("finsify:webhook?webhookToken=RAW(" + WEBHOOK_TOKEN + ")" + options).routeId("webhook")
                        .to("mock:events");
            }
        });
        context.start();
    }

    @Test
    void callsAreTimedByOperationStatusAndErrorCode() throws Exception {
        sandbox().webhookUrl(null);
        SandboxLogin login = sandbox().connectLogin("user_good");
        context.start();

        accounts(login.secret());
        accounts(login.secret());
        catchThrowable(() -> accounts(UNKNOWN_SECRET));

        assertThat(calls("GET /account", 200, "none")).isEqualTo(2);
        assertThat(calls("GET /account", 404, "LOGIN_NOT_FOUND")).isEqualTo(1);
        Timer ok = meters.get("finsify.api.calls").tags("operation", "GET /account", "status", "200").timer();
        assertThat(ok.totalTime(TimeUnit.NANOSECONDS)).isPositive();
        assertThat(meters.find("finsify.api.retries").counters()).isEmpty();
    }

    @Test
    void aRetriedCallCountsEachAttemptAndTheRetry() throws Exception {
        sandbox().webhookUrl(null);
        SandboxLogin login = sandbox().connectLogin("user_good");
        context.start();
        sandbox().injectFault("503", 1);
        sandbox().injectFault("429", 1);

        accounts(login.secret());

        assertThat(calls("GET /account", 503, "SERVER_MAINTENANCE")).isEqualTo(1);
        assertThat(calls("GET /account", 429, "RATE_LIMITED")).isEqualTo(1);
        assertThat(calls("GET /account", 200, "none")).isEqualTo(1);
        assertThat(meters.get("finsify.api.retries").tag("operation", "GET /account").counter().count())
                .isEqualTo(2);
    }

    @Test
    void changesAreCountedByType() throws Exception {
        sandbox().webhookUrl(null);
        SandboxLogin login = sandbox().connectLogin("user_good");
        long accountId = login.accountIds().get(0);
        int backfill = (int) sandbox().transactions(accountId).stream()
                .filter(t -> !t.date().isBefore(LocalDate.now().minusDays(WINDOW_DAYS))).count();
        FinsifyTransactionsConsumer feed = feed(login);

        feed.syncNow();
        List<SandboxTransaction> added = sandbox().addTransactions(accountId, 3);
        feed.syncNow();
        sandbox().updateTransaction(added.get(0).id(), "-99.95", "GD THE QUA POS CORRECTED");
        sandbox().removeTransaction(added.get(1).id());
        feed.syncNow();

        assertThat(counter("finsify.sync.changes", "routeId", "feed", "type", "ADDED")).isEqualTo(backfill + 3);
        assertThat(counter("finsify.sync.changes", "routeId", "feed", "type", "MODIFIED")).isEqualTo(1);
        assertThat(counter("finsify.sync.changes", "routeId", "feed", "type", "REMOVED")).isEqualTo(1);
        assertThat(counter("finsify.sync.completed", "routeId", "feed")).isEqualTo(3);
    }

    @Test
    void lagIsHowLongAgoEachLoginWasLastSynced() throws Exception {
        sandbox().webhookUrl(null);
        SandboxLogin login = sandbox().connectLogin("user_good");
        FinsifyTransactionsConsumer feed = feed(login);

        feed.syncNow();
        clock.advance(Duration.ofSeconds(90));

        assertThat(gauge("finsify.sync.lag.oldest", "feed")).isEqualTo(90);
        assertThat(gauge("finsify.sync.logins", "feed")).isEqualTo(1);
        Timer lag = meters.get("finsify.sync.lag").tag("routeId", "feed").timer();
        assertThat(lag.count()).isZero(); // a first sync has no earlier one to be late against

        feed.syncNow();

        assertThat(lag.count()).isEqualTo(1);
        assertThat(lag.totalTime(TimeUnit.SECONDS)).isEqualTo(90);
        assertThat(gauge("finsify.sync.lag.oldest", "feed")).isZero();
    }

    @Test
    void aLoginIsFailingFromItsFailedSyncUntilItsNextCompletedOne() throws Exception {
        sandbox().webhookUrl(null);
        FinsifyTransactionsConsumer feed = feed(sandbox().connectLogin("user_good"));
        feed.syncNow();
        sandbox().injectFault("500", 3); // the first attempt and its two retries

        catchThrowable(feed::syncNow);

        assertThat(gauge("finsify.sync.logins.failing", "feed")).isEqualTo(1);
        assertThat(calls("GET /account", 500, "INTERNAL_ERROR")).isEqualTo(3);
        assertThat(meters.get("finsify.api.retries").tag("operation", "GET /account").counter().count())
                .isEqualTo(2);

        feed.syncNow();

        assertThat(gauge("finsify.sync.logins.failing", "feed")).isZero();
    }

    @Test
    void loginsNeedingTheirUserAreGaugedFromTheirStatusWebhooks() throws Exception {
        webhookRoute("");
        SandboxLogin locked = sandbox().connectLogin("user_good");
        SandboxLogin expired = sandbox().connectLogin("user_good");
        assertThat(meters.get("finsify.logins.needing.user").gauge().value()).isZero();

        sandbox().setLoginStatus(locked.loginId(), "login_account_locked");
        sandbox().setLoginStatus(expired.loginId(), "login_password_expired");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> meters.get("finsify.logins.needing.user").gauge().value() == 2);
    }

    @Test
    void webhookRequestsAreCountedByOutcome() throws Exception {
        webhookRoute("&maxBodySize=4096");
        Map<String, String> token = Map.of("X-Finsify-Token", WEBHOOK_TOKEN);

        post("/finsify/webhook", "application/json", json("webhook-new-transactions"), token);
        post("/finsify/webhook", "application/json", json("webhook-new-transactions"), token);
        post("/finsify/webhook", "application/json", json("webhook-new-transactions"), token);
        post("/finsify/webhook", "application/json", "{\"login_id\": 21000,", token);
        post("/finsify/webhook", "text/plain", json("webhook-new-transactions"), token);
        post("/finsify/webhook", "application/json", json("webhook-new-transactions"),
                Map.of("X-Finsify-Token", "not-the-token-0123456789"));
        post("/finsify/webhook", "application/json", "{\"pad\":\"" + "x".repeat(8192) + "\"}", token);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(counter("finsify.webhook.requests", "routeId", "webhook", "outcome", "processed")).isEqualTo(1);
            assertThat(counter("finsify.webhook.requests", "routeId", "webhook", "outcome", "duplicate")).isEqualTo(2);
            assertThat(counter("finsify.webhook.requests", "routeId", "webhook", "outcome", "400")).isEqualTo(1);
            assertThat(counter("finsify.webhook.requests", "routeId", "webhook", "outcome", "415")).isEqualTo(1);
            assertThat(counter("finsify.webhook.requests", "routeId", "webhook", "outcome", "401")).isEqualTo(1);
            assertThat(counter("finsify.webhook.requests", "routeId", "webhook", "outcome", "413")).isEqualTo(1);
        });
        assertThat(counter("finsify.webhook.requests", "routeId", "webhook", "outcome", "5xx")).isZero();
        assertThat(counter("finsify.webhook.requests", "routeId", "webhook", "outcome", "rejected")).isZero();
        assertThat(counter("finsify.webhook.requests", "routeId", "webhook", "outcome", "408")).isZero();
    }

    @Test
    void aStoppedRouteLeavesNoMetersBehind() throws Exception {
        sandbox().webhookUrl(null);
        feed(sandbox().connectLogin("user_good"));
        assertThat(meters.find("finsify.sync.changes").tag("routeId", "feed").meters()).hasSize(3);

        context.getRouteController().stopRoute("feed");

        assertThat(meters.getMeters()).noneMatch(meter -> "feed".equals(meter.getId().getTag("routeId")));
    }

    @Test
    void noTagNamesALoginAnAccountACustomerOrASecret() throws Exception {
        SandboxLogin login = sandbox().connectLogin("user_good");
        MemoryLoginDirectory book = new MemoryLoginDirectory();
        book.save(new DirectoryLogin(login.loginId(), login.secret(), login.customerId()));
        context.getRegistry().bind("book", book);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("finsify:transactions?loginDirectory=#book&initialDelay=0&delay=50&reconciliationInterval=1s")
                        .routeId("book").to("mock:book");
            }
        });
        webhookRoute("&fetchTransactions=true&loginDirectory=#book");
        FinsifyTransactionsConsumer feed = feed(login);
        feed.syncNow();
        await().atMost(Duration.ofSeconds(10)).until(() -> counter("finsify.sync.completed", "routeId", "book") >= 1);
        sandbox().addTransactions(login.accountIds().get(0), 2); // its webhook fetches them
        await().atMost(Duration.ofSeconds(10))
                .until(() -> counter("finsify.webhook.requests", "routeId", "webhook", "outcome", "processed") >= 1);
        catchThrowable(() -> accounts(UNKNOWN_SECRET));

        List<String> values = meters.getMeters().stream().map(Meter::getId)
                .flatMap(id -> id.getTags().stream()).map(Tag::getValue).distinct().toList();

        assertThat(values).contains("feed", "book", "webhook", "GET /account", "GET /transaction");
        List<String> forbidden = new ArrayList<>(List.of(login.secret(), UNKNOWN_SECRET,
                sandbox().serviceSecret(), WEBHOOK_TOKEN, Long.toString(login.loginId()), login.customerId()));
        login.accountIds().forEach(id -> forbidden.add(Long.toString(id)));
        assertThat(values).allSatisfy(value -> assertThat(value).doesNotContain(forbidden));
    }
}
