package io.github.camelfinsify.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import io.github.camelfinsify.sync.SyncRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ParameterizedClass(name = "{0}")
@EnumSource(Database.class)
class JdbcSyncRequestsTest {

    @Parameter
    Database database;

    private TestDatabase db;
    private JdbcSyncRequests requests;

    @BeforeEach
    void open() {
        db = database.open();
        requests = started();
    }

    @AfterEach
    void close() {
        db.close();
    }

    private JdbcSyncRequests started() {
        JdbcSyncRequests started = new JdbcSyncRequests(db.dataSource());
        started.start();
        return started;
    }

    @Test
    void aRequestIsPendingUntilDone() {
        requests.request(42, List.of(1L, 2L));

        List<SyncRequest> pending = requests.pending(10);
        assertThat(pending).singleElement().satisfies(request -> {
            assertThat(request.loginId()).isEqualTo(42);
            assertThat(request.accountIds()).containsExactlyInAnyOrder(1L, 2L);
        });

        requests.done(pending.get(0));

        assertThat(requests.pending(10)).isEmpty();
    }

    @Test
    void aRequestDoneStaysDoneWhenThePoolTurnsAutoCommitOff() {
        // spring.datasource.hikari.auto-commit=false, a common setting beside JPA: a write left uncommitted is rolled
        // back when the connection goes back to the pool, and the login would be synced again on every poll
        try (TestDatabase manual = database.open(pool -> pool.setAutoCommit(false))) {
            JdbcSyncRequests store = new JdbcSyncRequests(manual.dataSource());
            store.start();
            store.request(42, List.of(1L));

            store.done(store.pending(10).get(0));

            assertThat(store.pending(10)).isEmpty();
        }
    }

    @Test
    void aRequestSurvivesTheInstanceThatRecordedIt() {
        requests.request(42, List.of(1L));
        requests.stop();

        assertThat(started().pending(10)).extracting(SyncRequest::loginId).containsExactly(42L);
    }

    @Test
    void requestsOfOneLoginMergeTheirAccounts() {
        requests.request(42, List.of(1L, 2L));
        requests.request(42, List.of(2L, 3L));

        assertThat(requests.pending(10)).singleElement()
                .extracting(SyncRequest::accountIds).isEqualTo(Set.of(1L, 2L, 3L));
    }

    @Test
    void aRequestForEveryAccountAbsorbsTheOthers() {
        requests.request(42, List.of(1L));
        requests.request(42, List.of());
        requests.request(42, List.of(2L));

        assertThat(requests.pending(10)).singleElement().extracting(SyncRequest::accountIds).isEqualTo(Set.of());
        assertThat(db.value("SELECT account_ids FROM finsify_sync_request WHERE login_id = 42")).isEmpty();
    }

    @Test
    void concurrentRequestsForOneLoginLeaveOneRequestWithEveryAccount() throws Exception {
        // eight threads, each with an instance of its own as on eight replicas, each asking for other accounts
        List<JdbcSyncRequests> replicas = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            replicas.add(started());
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                JdbcSyncRequests replica = replicas.get(i);
                long first = i * 10L;
                calls.add(pool.submit(() -> {
                    go.await();
                    for (long account = first; account < first + 5; account++) {
                        replica.request(42, List.of(account));
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> call : calls) {
                call.get();
            }
        } finally {
            pool.shutdownNow();
        }

        Set<Long> everyAccount = LongStream.range(0, 8).flatMap(i -> LongStream.range(i * 10, i * 10 + 5)).boxed()
                .collect(Collectors.toSet());
        assertThat(requests.pending(10)).singleElement()
                .extracting(SyncRequest::accountIds).isEqualTo(everyAccount);
        assertThat(db.value("SELECT COUNT(*) FROM finsify_sync_request")).isEqualTo("1");
    }

    @Test
    void replicasRacingOnTheFirstRequestOfALoginLeaveOneRequestWithEveryAccount() throws Exception {
        // each of eight replicas gets a webhook for each of 100 new logins at about the same time
        List<JdbcSyncRequests> replicas = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            replicas.add(started());
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                JdbcSyncRequests replica = replicas.get(i);
                long account = i;
                calls.add(pool.submit(() -> {
                    go.await();
                    for (long login = 1; login <= 100; login++) {
                        replica.request(login, List.of(account));
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> call : calls) {
                call.get();
            }
        } finally {
            pool.shutdownNow();
        }

        List<SyncRequest> pending = requests.pending(1_000);
        assertThat(pending).extracting(SyncRequest::loginId)
                .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 100).boxed().toList());
        assertThat(pending).allSatisfy(request ->
                assertThat(request.accountIds()).isEqualTo(Set.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L)));
    }

    @Test
    void doneWithAStaleVersionKeepsTheNewerRequest() {
        requests.request(42, List.of(1L));
        SyncRequest read = requests.pending(10).get(0);
        requests.request(42, List.of(2L)); // a webhook while the sync of the first request ran

        requests.done(read);

        assertThat(requests.pending(10)).singleElement().satisfies(newer -> {
            assertThat(newer.accountIds()).containsExactlyInAnyOrder(1L, 2L);
            assertThat(newer.version()).isGreaterThan(read.version());
        });
    }

    @Test
    void aRequestDoneAndMadeAgainIsNotRemovedByTheOldOne() {
        requests.request(42, List.of(1L));
        SyncRequest first = requests.pending(10).get(0);
        requests.done(first);
        requests.request(42, List.of(1L));

        requests.done(first); // a second reader of the first request finishes late

        assertThat(requests.pending(10)).extracting(SyncRequest::loginId).containsExactly(42L);
    }

    @Test
    void pendingRequestsComeOldestFirstAndAMergeKeepsItsPlace() {
        requests.request(3, List.of(1L));
        requests.request(1, List.of(1L));
        requests.request(2, List.of(1L));
        requests.request(3, List.of(2L));

        assertThat(requests.pending(10)).extracting(SyncRequest::loginId).containsExactly(3L, 1L, 2L);
        assertThat(requests.pending(2)).extracting(SyncRequest::loginId).containsExactly(3L, 1L);
    }

    @Test
    void refusesToReadNoRequests() {
        assertThatThrownBy(() -> requests.pending(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
    }

    @Test
    void usesTheTableItIsGiven() {
        JdbcSyncRequests named = new JdbcSyncRequests(db.dataSource());
        named.setTable("partner_sync_requests");
        named.start();
        named.request(42, List.of());

        assertThat(db.value("SELECT COUNT(*) FROM partner_sync_requests")).isEqualTo("1");
        assertThat(requests.pending(10)).isEmpty();
    }

    @Test
    void refusesATableNameThatIsNotOne() {
        assertThatThrownBy(() -> requests.setTable("requests; DROP TABLE x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Not a table name");
    }
}
