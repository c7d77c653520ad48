package io.github.camelfinsify.jdbc;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import io.github.camelfinsify.FinsifyComponent;
import io.github.camelfinsify.FinsifyConfiguration;
import io.github.camelfinsify.model.Transaction;
import io.github.camelfinsify.sandbox.FinsifySandbox;
import io.github.camelfinsify.sandbox.FinsifySandboxExtension;
import io.github.camelfinsify.sandbox.SandboxLogin;
import io.github.camelfinsify.sandbox.SandboxTransaction;
import io.github.camelfinsify.sync.DirectoryLogin;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The multi-login consumer over a JDBC directory and a JDBC state: stopped in the middle of its first sweep and
 * started again in a new context, it delivers every login's transactions, none twice.
 */
class DirectoryRestartTest {

    private static final int LOGINS = 30;
    private static final LocalDate FROM = LocalDate.now().minusDays(20);

    @RegisterExtension
    final FinsifySandboxExtension sandboxExtension = new FinsifySandboxExtension();

    private final String key = JdbcLoginDirectory.newSecretKey();
    private final TestDatabase database = Database.H2.open();
    private final List<Long> delivered = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aRestartInTheMiddleOfTheSweepDeliversEveryTransactionOnce() throws Exception {
        FinsifySandbox sandbox = sandboxExtension.sandbox();
        List<SandboxLogin> logins = sandbox.connectLogins("user_good", LOGINS);
        JdbcLoginDirectory directory = new JdbcLoginDirectory(database.dataSource(), key);
        directory.start();
        logins.forEach(l -> directory.save(new DirectoryLogin(l.loginId(), l.secret(), l.customerId())));
        Set<Long> expected = logins.stream().flatMap(l -> l.accountIds().stream())
                .flatMap(a -> sandbox.transactions(a).stream()).filter(t -> !t.date().isBefore(FROM))
                .map(SandboxTransaction::id).collect(Collectors.toSet());

        CamelContext first = syncContext(sandbox);
        first.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> delivered.size() >= expected.size() / 4);
        first.stop(); // graceful: each login in flight finishes its exchange and saves its state
        assertThat(delivered.size()).isLessThan(expected.size());

        CamelContext second = syncContext(sandbox);
        second.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> delivered.size() >= expected.size());
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                .until(() -> delivered.size() == expected.size());
        second.stop();

        assertThat(delivered).doesNotHaveDuplicates();
        assertThat(Set.copyOf(delivered)).isEqualTo(expected);
    }

    /** A context of its own, with new directory and state objects over the same database, as after a restart. */
    private CamelContext syncContext(FinsifySandbox sandbox) throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.getRegistry().bind("book", new JdbcLoginDirectory(database.dataSource(), key));
        context.getRegistry().bind("state", new JdbcStateRepository(database.dataSource()));
        FinsifyConfiguration configuration = context.getComponent("finsify", FinsifyComponent.class).getConfiguration();
        configuration.setClientId(sandbox.clientId());
        configuration.setServiceSecret(sandbox.serviceSecret());
        configuration.setBaseUrl(sandbox.baseUrl());
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("finsify:transactions?loginDirectory=#book&stateRepository=#state&reconciliationInterval=2s"
                     + "&maxConcurrentLogins=3&delay=50&initialDelay=0&initialFromDate=" + FROM)
                        .process(e -> Thread.sleep(2)) // slow enough for the stop to land mid-sweep
                        .process(e -> delivered.add(e.getIn().getBody(Transaction.class).id()));
            }
        });
        return context;
    }
}
