package io.github.camelfinsify.jdbc;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.github.camelfinsify.FinsifyComponent;
import io.github.camelfinsify.FinsifyConfiguration;
import io.github.camelfinsify.FinsifyDirectoryConsumer;
import io.github.camelfinsify.sandbox.FinsifySandbox;
import io.github.camelfinsify.sandbox.FinsifySandboxExtension;
import io.github.camelfinsify.sandbox.SandboxLogin;
import io.github.camelfinsify.sync.DirectoryLogin;
import io.github.camelfinsify.sync.TransactionSync;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleRegistry;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.impl.console.DefaultDevConsoleRegistry;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The finsify console shows the size of a JDBC sync state: one row per account synced, and their length. */
class StateSizeInConsoleTest {

    private static final int LOGINS = 3;

    @RegisterExtension
    final FinsifySandboxExtension sandboxExtension = new FinsifySandboxExtension();

    private final TestDatabase database = Database.H2.open();
    private CamelContext context;

    @AfterEach
    void close() {
        if (context != null) {
            context.stop();
        }
        database.close();
    }

    @Test
    void theConsoleCountsTheStatesOfEveryAccountSyncedAndTheirLength() throws Exception {
        FinsifySandbox sandbox = sandboxExtension.sandbox();
        List<SandboxLogin> logins = sandbox.connectLogins("user_good", LOGINS);
        JdbcStateRepository state = new JdbcStateRepository(database.dataSource());
        startSync(sandbox, logins, state);
        List<Long> accounts = logins.stream().flatMap(l -> l.accountIds().stream()).toList();

        await().atMost(Duration.ofSeconds(20)).until(() -> bookView().getLong("loginsSynced") >= LOGINS);
        FinsifyDirectoryConsumer consumer = (FinsifyDirectoryConsumer) context.getRoute("book").getConsumer();
        consumer.pauseSweep(); // nothing writes while the test reads
        await().atMost(Duration.ofSeconds(10)).until(() -> consumer.getLoginsInFlight() == 0);

        JsonObject stateSize = (JsonObject) bookView().get("stateSize");
        // the sweep's position is kept in the same repository as the accounts' states
        String cursor = state.getState(FinsifyDirectoryConsumer.sweepCursorKey("book"));
        long characters = accounts.stream().mapToLong(a -> state.getState(TransactionSync.stateKey(a)).length()).sum()
                          + (cursor == null ? 0 : cursor.length());
        assertThat(stateSize.getString("repository")).isEqualTo("JdbcStateRepository");
        assertThat(stateSize.getLong("states")).isEqualTo(accounts.size() + (cursor == null ? 0 : 1));
        assertThat(stateSize.getLong("characters")).isEqualTo(characters).isPositive();
    }

    private void startSync(FinsifySandbox sandbox, List<SandboxLogin> logins, JdbcStateRepository state)
            throws Exception {
        JdbcLoginDirectory book = new JdbcLoginDirectory(database.dataSource(), JdbcLoginDirectory.newSecretKey());
        book.start();
        logins.forEach(l -> book.save(new DirectoryLogin(l.loginId(), l.secret(), l.customerId())));
        context = new DefaultCamelContext();
        context.setDevConsole(true);
        context.getCamelContextExtension().addContextPlugin(DevConsoleRegistry.class,
                new DefaultDevConsoleRegistry(context));
        context.getRegistry().bind("book", book);
        context.getRegistry().bind("state", state);
        FinsifyConfiguration configuration = context.getComponent("finsify", FinsifyComponent.class).getConfiguration();
        configuration.setClientId(sandbox.clientId());
        configuration.setServiceSecret(sandbox.serviceSecret());
        configuration.setBaseUrl(sandbox.baseUrl());
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("finsify:transactions?loginDirectory=#book&stateRepository=#state&reconciliationInterval=1s"
                     + "&delay=50&initialDelay=0&initialFromDate=" + LocalDate.now().minusDays(10)).routeId("book").process(exchange -> { });
            }
        });
        context.start();
    }

    private JsonObject bookView() {
        DevConsole console = DevConsoleRegistry.get(context).resolveById("finsify");
        JsonObject json = (JsonObject) console.call(DevConsole.MediaType.JSON, Map.of());
        return ((JsonArray) json.get("consumers")).stream().map(JsonObject.class::cast)
                .filter(c -> "book".equals(c.get("routeId"))).findFirst().orElseThrow();
    }
}
