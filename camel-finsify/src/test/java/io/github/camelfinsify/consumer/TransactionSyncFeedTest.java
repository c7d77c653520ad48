package io.github.camelfinsify.consumer;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.github.camelfinsify.ChangeType;
import io.github.camelfinsify.FinsifyConstants;
import io.github.camelfinsify.FinsifyLoginSecretResolver;
import io.github.camelfinsify.model.RemovedTransaction;
import io.github.camelfinsify.model.Transaction;
import io.github.camelfinsify.sandbox.SandboxLogin;
import io.github.camelfinsify.sandbox.SandboxTransaction;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.processor.state.FileStateRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The polling {@code finsify:transactions} consumer is a change feed: each added, modified and removed transaction
 * comes out once, and failures, restarts and a webhook consumer beside it lose nothing and repeat nothing.
 */
class TransactionSyncFeedTest extends SandboxConsumerTestSupport {

    private static final int WINDOW_DAYS = 20;

    private final List<Exchange> delivered = new CopyOnWriteArrayList<>();
    private final Map<Long, String> secrets = new ConcurrentHashMap<>();

    @Override
    public boolean isUseRouteBuilder() {
        return false;
    }

    private String pollingUri(SandboxLogin login, String extra) {
        return "finsify:transactions?loginSecret=RAW(" + login.secret() + ")&accountId=" + login.accountIds().get(0)
               + "&initialFromDate=" + LocalDate.now().minusDays(WINDOW_DAYS) + "&delay=100&initialDelay=0" + extra;
    }

    private void route(String from, Processor step) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(from).process(step).process(delivered::add);
            }
        });
        context.start(); // without a route builder, the test support leaves the context to the test
    }

    private List<SandboxTransaction> sandboxWindow(long accountId) {
        LocalDate from = LocalDate.now().minusDays(WINDOW_DAYS);
        return sandbox().transactions(accountId).stream().filter(t -> !t.date().isBefore(from)).toList();
    }

    private List<Long> deliveredIds(ChangeType type) {
        return delivered.stream().filter(e -> e.getIn().getHeader(FinsifyConstants.CHANGE_TYPE) == type)
                .map(e -> type == ChangeType.REMOVED ? e.getIn().getBody(RemovedTransaction.class).id()
                        : e.getIn().getBody(Transaction.class).id())
                .toList();
    }

    @Test
    void addedModifiedAndRemovedEachArriveOnceWithTheirChangeType() throws Exception {
        SandboxLogin login = sandbox().connectLogin("user_good");
        long accountId = login.accountIds().get(0);
        int backfill = sandboxWindow(accountId).size();
        route(pollingUri(login, ""), e -> { });
        await().atMost(Duration.ofSeconds(10)).until(() -> delivered.size() == backfill);

        List<SandboxTransaction> added = sandbox().addTransactions(accountId, 3);
        sandbox().updateTransaction(added.get(0).id(), "-99.95", "GD THE QUA POS CORRECTED");
        sandbox().removeTransaction(added.get(1).id());
        await().atMost(Duration.ofSeconds(10)).until(() -> delivered.size() >= backfill + 2);
        // the modification and the removal may land in the same poll as the additions, or in later ones
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                .until(() -> deliveredIds(ChangeType.ADDED).size() >= backfill + 1);

        List<Long> addedIds = deliveredIds(ChangeType.ADDED);
        assertThat(addedIds).doesNotHaveDuplicates();
        assertThat(addedIds).containsAll(sandboxWindow(accountId).stream().map(SandboxTransaction::id).toList());
        assertThat(addedIds).contains(added.get(0).id(), added.get(2).id());
        List<Long> modified = deliveredIds(ChangeType.MODIFIED);
        List<Long> removed = deliveredIds(ChangeType.REMOVED);
        // a change seen before its first delivery is simply delivered in its latest form (or not at all if removed)
        assertThat(modified.size() + removed.size()).isLessThanOrEqualTo(2);
        assertThat(delivered).allSatisfy(e -> {
            assertThat(e.getIn().getHeader(FinsifyConstants.ACCOUNT_ID)).isEqualTo(accountId);
            assertThat(e.getIn().getHeader(FinsifyConstants.LOGIN_ID)).isEqualTo(login.loginId());
        });
    }

    @Test
    void changesToDeliveredTransactionsArriveAsModifiedAndRemoved() throws Exception {
        SandboxLogin login = sandbox().connectLogin("user_good");
        long accountId = login.accountIds().get(0);
        List<SandboxTransaction> added = sandbox().addTransactions(accountId, 3);
        int backfill = sandboxWindow(accountId).size();
        route(pollingUri(login, ""), e -> { });
        await().atMost(Duration.ofSeconds(10)).until(() -> delivered.size() == backfill);

        sandbox().updateTransaction(added.get(0).id(), "-99.95", "GD THE QUA POS CORRECTED");
        sandbox().removeTransaction(added.get(1).id());

        await().atMost(Duration.ofSeconds(10)).until(() -> delivered.size() == backfill + 2);
        await().during(Duration.ofMillis(500)).until(() -> delivered.size() == backfill + 2);
        assertThat(deliveredIds(ChangeType.MODIFIED)).containsExactly(added.get(0).id());
        assertThat(deliveredIds(ChangeType.REMOVED)).containsExactly(added.get(1).id());
        Exchange modified = delivered.get(backfill);
        Exchange changes = modified.getIn().getHeader(FinsifyConstants.CHANGE_TYPE) == ChangeType.MODIFIED
                ? modified : delivered.get(backfill + 1);
        assertThat(changes.getIn().getBody(Transaction.class).description()).isEqualTo("GD THE QUA POS CORRECTED");
        assertThat(changes.getIn().getBody(Transaction.class).amount()).isEqualByComparingTo("-99.95");
        assertThat(deliveredIds(ChangeType.ADDED)).doesNotHaveDuplicates().hasSize(backfill);
    }

    @Test
    void routeFailingOnTheThirdOfTenThenRecoveringDeliversAllTenOnce() throws Exception {
        SandboxLogin login = sandbox().connectLogin("user_good");
        long accountId = login.accountIds().get(0);
        int backfill = sandboxWindow(accountId).size();
        AtomicInteger seen = new AtomicInteger();
        route(pollingUri(login, ""), e -> {
            if (seen.incrementAndGet() == backfill + 3) {
                throw new IllegalStateException("the ledger is locked");
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> delivered.size() == backfill);

        List<Long> ten = sandbox().addTransactions(accountId, 10).stream().map(SandboxTransaction::id).toList();

        await().atMost(Duration.ofSeconds(10)).until(() -> delivered.size() == backfill + 10);
        await().during(Duration.ofMillis(500)).until(() -> delivered.size() == backfill + 10);
        assertThat(deliveredIds(ChangeType.ADDED)).doesNotHaveDuplicates().containsAll(ten);
        assertThat(seen.get()).isEqualTo(backfill + 11); // the third was tried twice, delivered once
    }

    @Test
    void contextStoppedMidBatchAndRestartedWithAFileStateRepositoryLosesAndRepeatsNothing(@TempDir Path dir)
            throws Exception {
        SandboxLogin login = sandbox().connectLogin("user_good");
        long accountId = login.accountIds().get(0);
        sandbox().addTransactions(accountId, 30);
        Set<Long> expected = sandboxWindow(accountId).stream().map(SandboxTransaction::id).collect(Collectors.toSet());
        File stateFile = dir.resolve("finsify-state.dat").toFile();
        List<Long> ids = new CopyOnWriteArrayList<>();

        CamelContext first = syncContext(login, stateFile, ids);
        first.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> ids.size() >= 10);
        first.stop(); // graceful: the exchange in flight completes, the rest of the batch waits for the restart
        int beforeRestart = ids.size();
        assertThat(beforeRestart).isLessThan(expected.size());

        CamelContext second = syncContext(login, stateFile, ids);
        second.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> ids.size() >= expected.size());
        await().during(Duration.ofMillis(500)).until(() -> ids.size() == expected.size());
        second.stop();

        assertThat(ids).doesNotHaveDuplicates();
        assertThat(Set.copyOf(ids)).isEqualTo(expected);
    }

    private CamelContext syncContext(SandboxLogin login, File stateFile, List<Long> ids) throws Exception {
        CamelContext other = new DefaultCamelContext();
        FileStateRepository repository = FileStateRepository.fileStateRepository(stateFile);
        other.getRegistry().bind("syncState", repository);
        other.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(pollingUri(login, "&stateRepository=#syncState&clientId=" + sandbox().clientId()
                                       + "&serviceSecret=" + sandbox().serviceSecret() + "&baseUrl=" + sandbox().baseUrl()))
                        .process(e -> Thread.sleep(20)) // slow enough for the stop to land mid-batch
                        .process(e -> ids.add(e.getIn().getBody(Transaction.class).id()));
            }
        });
        return other;
    }

    @Test
    void webhooksWithFetchAndPollingSideBySideDeliverEachTransactionOnce() throws Exception {
        SandboxLogin login = sandbox().connectLogin("user_good");
        long accountId = login.accountIds().get(0);
        int backfill = sandboxWindow(accountId).size();
        secrets.put(login.loginId(), login.secret());
        context.getRegistry().bind("secrets", (FinsifyLoginSecretResolver) secrets::get);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(pollingUri(login, "")).routeId("poll").process(delivered::add);
            }
        });
        route("finsify:webhook?webhookToken=" + WEBHOOK_TOKEN + "&fetchTransactions=true&loginSecretResolver=#secrets"
              + "&initialFromDate=" + LocalDate.now().minusDays(WINDOW_DAYS), e -> { });
        await().atMost(Duration.ofSeconds(10)).until(() -> delivered.size() == backfill);

        // first the webhook path alone, then both racing on the same accounts
        context.getRouteController().suspendRoute("poll");
        sandbox().addTransactions(accountId, 4);
        sandbox().addTransactions(accountId, 4);
        await().atMost(Duration.ofSeconds(10)).until(() -> delivered.size() == backfill + 8);
        context.getRouteController().resumeRoute("poll");
        for (int i = 0; i < 3; i++) {
            sandbox().addTransactions(accountId, 4); // each fires a webhook while the poller runs
        }

        await().atMost(Duration.ofSeconds(15)).until(() -> delivered.size() >= backfill + 20);
        await().during(Duration.ofSeconds(1)).until(() -> delivered.size() == backfill + 20);
        assertThat(deliveredIds(ChangeType.ADDED)).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(sandboxWindow(accountId).stream().map(SandboxTransaction::id)
                        .toList());
        assertThat(delivered).anySatisfy(e -> assertThat(e.getIn().getHeader(FinsifyConstants.EVENT)).isNotNull());
    }
}
