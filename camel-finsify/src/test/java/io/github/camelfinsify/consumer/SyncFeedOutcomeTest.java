package io.github.camelfinsify.consumer;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.camelfinsify.model.Transaction;
import io.github.camelfinsify.sandbox.SandboxLogin;
import io.github.camelfinsify.sandbox.SandboxTransaction;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Whether a synced change counts as delivered is decided by Camel's completion machinery, as in Camel's own batch
 * consumers: an error the route handled or continued completes the exchange; a rollback fails it, and the change
 * comes again on the next poll.
 */
class SyncFeedOutcomeTest extends SandboxConsumerTestSupport {

    private static final int WINDOW_DAYS = 20;

    private final List<Exchange> delivered = new CopyOnWriteArrayList<>();

    @Override
    public boolean isUseRouteBuilder() {
        return false;
    }

    private String pollingUri(SandboxLogin login, String extra) {
        return "finsify:transactions?loginSecret=RAW(" + login.secret() + ")&accountId=" + login.accountIds().get(0)
               + "&initialFromDate=" + LocalDate.now().minusDays(WINDOW_DAYS) + "&delay=100&initialDelay=0" + extra;
    }

    private int windowSize(long accountId) {
        LocalDate from = LocalDate.now().minusDays(WINDOW_DAYS);
        return (int) sandbox().transactions(accountId).stream().filter(t -> !t.date().isBefore(from)).count();
    }

    private List<Long> deliveredIds() {
        return delivered.stream().map(e -> e.getIn().getBody(Transaction.class).id()).toList();
    }

    @Test
    void aChangeWhoseErrorTheRouteHandledIsNotDeliveredAgain() throws Exception {
        SandboxLogin login = sandbox().connectLogin("user_good");
        int backfill = windowSize(login.accountIds().get(0));
        AtomicInteger failures = new AtomicInteger();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                onException(IllegalStateException.class).handled(true).process(e -> failures.incrementAndGet());
                from(pollingUri(login, ""))
                        .process(delivered::add)
                        .filter(e -> delivered.size() == 2).throwException(new IllegalStateException("bad row"));
            }
        });
        context.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> delivered.size() >= backfill);
        await().during(Duration.ofMillis(500)).until(() -> delivered.size() == backfill);
        assertThat(deliveredIds()).doesNotHaveDuplicates();
        assertThat(failures.get()).isEqualTo(1);
    }

    @Test
    void aChangeWhoseErrorTheRouteContinuedIsNotDeliveredAgain() throws Exception {
        SandboxLogin login = sandbox().connectLogin("user_good");
        int backfill = windowSize(login.accountIds().get(0));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                onException(IllegalStateException.class).continued(true);
                from(pollingUri(login, ""))
                        .filter(e -> delivered.isEmpty()).throwException(new IllegalStateException("no category")).end()
                        .process(delivered::add);
            }
        });
        context.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> delivered.size() >= backfill);
        await().during(Duration.ofMillis(500)).until(() -> delivered.size() == backfill);
        assertThat(deliveredIds()).doesNotHaveDuplicates();
    }

    @Test
    void aChangeTheRouteRolledBackComesAgainOnTheNextPoll() throws Exception {
        SandboxLogin login = sandbox().connectLogin("user_good");
        int backfill = windowSize(login.accountIds().get(0));
        AtomicInteger seen = new AtomicInteger();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(pollingUri(login, ""))
                        .choice().when(e -> seen.incrementAndGet() == 3).rollback("the ledger is closed").end()
                        .process(delivered::add);
            }
        });
        context.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> delivered.size() >= backfill);
        await().during(Duration.ofMillis(500)).until(() -> delivered.size() == backfill);
        assertThat(deliveredIds()).doesNotHaveDuplicates();
        assertThat(seen.get()).isEqualTo(backfill + 1);
    }

    @Test
    void aChangeMarkedRollbackOnlyComesAgainOnTheNextPoll() throws Exception {
        SandboxLogin login = sandbox().connectLogin("user_good");
        int backfill = windowSize(login.accountIds().get(0));
        AtomicInteger seen = new AtomicInteger();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(pollingUri(login, ""))
                        .choice().when(e -> seen.incrementAndGet() == 3).markRollbackOnly().end()
                        .process(delivered::add);
            }
        });
        context.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> delivered.size() >= backfill);
        await().during(Duration.ofMillis(500)).until(() -> delivered.size() == backfill);
        assertThat(deliveredIds()).doesNotHaveDuplicates();
        assertThat(seen.get()).isEqualTo(backfill + 1);
    }

    @Test
    void batchPropertiesCountOnlyTheDeliveredChanges() throws Exception {
        SandboxLogin login = sandbox().connectLogin("user_good");
        long accountId = login.accountIds().get(0);
        List<SandboxTransaction> known = sandbox().addTransactions(accountId, 2);
        int backfill = windowSize(accountId);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(pollingUri(login, "&changeTypes=added")).routeId("sync").process(delivered::add);
            }
        });
        context.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> delivered.size() == backfill);
        context.getRouteController().suspendRoute("sync");
        delivered.clear();

        sandbox().updateTransaction(known.get(0).id(), "-12.34", "CORRECTED");
        sandbox().removeTransaction(known.get(1).id());
        sandbox().addTransactions(accountId, 2);
        context.getRouteController().resumeRoute("sync");

        await().atMost(Duration.ofSeconds(10)).until(() -> delivered.size() >= 2);
        await().during(Duration.ofMillis(500)).until(() -> delivered.size() == 2);
        assertThat(delivered).extracting(e -> e.getProperty(ExchangePropertyKey.BATCH_SIZE)).containsExactly(2, 2);
        assertThat(delivered).extracting(e -> e.getProperty(ExchangePropertyKey.BATCH_INDEX)).containsExactly(0, 1);
        assertThat(delivered).extracting(e -> e.getProperty(ExchangePropertyKey.BATCH_COMPLETE))
                .containsExactly(false, true);
    }
}
