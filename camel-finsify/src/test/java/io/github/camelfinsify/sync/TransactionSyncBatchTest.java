package io.github.camelfinsify.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.camelfinsify.ChangeType;
import io.github.camelfinsify.client.FinsifyClient;
import io.github.camelfinsify.client.FinsifyClientConfig;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.camelfinsify.test.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A batch of one login's accounts: with a {@link BulkStateRepository} it reads their states in one call and writes
 * them in one as it closes, holding the accounts' locks until then; the state still moves only for committed changes.
 */
class TransactionSyncBatchTest {

    private static final String LOGIN_SECRET = "78cea84c-7eb8-4425-2312-3a1ac8383afe";
    private static final long FIRST = 19301;
    private static final long SECOND = 19302;

    @RegisterExtension
    static WireMockExtension api = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final RecordingBulkRepository bulk = new RecordingBulkRepository();
    private FinsifyClient client;

    @BeforeEach
    void start() {
        // the reference's sample: five transactions of 2017-03-27, whatever the account
        api.stubFor(get(urlPathEqualTo("/v2/transaction")).willReturn(okJson(json("transactions"))));
        client = new FinsifyClient(FinsifyClientConfig.builder()
                .baseUrl(api.baseUrl() + "/v2")
                .clientId("sample-clientId")
                .serviceSecret("75167f66-22dc-415d-b799-c0dd73b951ca")
                .build());
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
    }

    private static TransactionSync sync(StateRepository<String, String> repository) {
        return new TransactionSync(repository, 14, LocalDate.of(2017, 3, 1), Set.of(ChangeType.values()),
                Clock.fixed(LocalDate.of(2017, 3, 28).atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC));
    }

    private static void commitAll(TransactionSync.Session session) {
        session.changes().forEach(session::commit);
    }

    private static SyncState stored(StateRepository<String, String> repository, long accountId) {
        return SyncState.decode(repository.getState(TransactionSync.stateKey(accountId)));
    }

    @Test
    void aBatchReadsTheAccountsStatesInOneCallAndWritesThemInOneAsItCloses() {
        TransactionSync sync = sync(bulk);
        try (TransactionSync.Batch batch = sync.openBatch(List.of(FIRST, SECOND))) {
            for (long accountId : List.of(FIRST, SECOND)) {
                try (TransactionSync.Session session = batch.open(client, LOGIN_SECRET, accountId)) {
                    assertThat(session.changes()).hasSize(5);
                    commitAll(session);
                }
            }
            assertThat(bulk.writes).isEmpty();
        }

        assertThat(bulk.reads).containsExactly(List.of(TransactionSync.stateKey(FIRST), TransactionSync.stateKey(SECOND)));
        assertThat(bulk.writes).singleElement().satisfies(write -> assertThat(write.keySet())
                .containsExactlyInAnyOrder(TransactionSync.stateKey(FIRST), TransactionSync.stateKey(SECOND)));
        assertThat(stored(bulk, FIRST).size()).isEqualTo(5);
        assertThat(stored(bulk, FIRST).cursor()).isEqualTo(LocalDate.of(2017, 3, 28));
    }

    @Test
    void aBatchTellsTheRepositoryWhichOfItsWritesHadNoStoredStateYet() {
        TransactionSync sync = sync(bulk);
        try (TransactionSync.Batch batch = sync.openBatch(List.of(FIRST))) {
            try (TransactionSync.Session session = batch.open(client, LOGIN_SECRET, FIRST)) {
                session.commit(session.changes().get(0));
            }
        }
        try (TransactionSync.Batch batch = sync.openBatch(List.of(FIRST, SECOND))) {
            for (long accountId : List.of(FIRST, SECOND)) {
                try (TransactionSync.Session session = batch.open(client, LOGIN_SECRET, accountId)) {
                    commitAll(session);
                }
            }
        }

        assertThat(bulk.unstoredHints).containsExactly(Set.of(TransactionSync.stateKey(FIRST)),
                Set.of(TransactionSync.stateKey(SECOND)));
        assertThat(stored(bulk, FIRST).size()).isEqualTo(5);
        assertThat(stored(bulk, SECOND).size()).isEqualTo(5);
    }

    @Test
    void theNextBatchFindsNothingNewAndWritesNothing() {
        TransactionSync sync = sync(bulk);
        try (TransactionSync.Batch batch = sync.openBatch(List.of(FIRST))) {
            try (TransactionSync.Session session = batch.open(client, LOGIN_SECRET, FIRST)) {
                commitAll(session);
            }
        }
        try (TransactionSync.Batch batch = sync.openBatch(List.of(FIRST))) {
            try (TransactionSync.Session session = batch.open(client, LOGIN_SECRET, FIRST)) {
                assertThat(session.changes()).isEmpty();
            }
        }

        assertThat(bulk.writes).hasSize(1);
    }

    @Test
    void aBatchStoresOnlyTheChangesThatWereCommitted() {
        TransactionSync sync = sync(bulk);
        try (TransactionSync.Batch batch = sync.openBatch(List.of(FIRST))) {
            try (TransactionSync.Session session = batch.open(client, LOGIN_SECRET, FIRST)) {
                session.commit(session.changes().get(0));
                session.commit(session.changes().get(1));
            }
        }

        SyncState state = stored(bulk, FIRST);
        assertThat(state.size()).isEqualTo(2);
        assertThat(state.cursor()).isNull(); // the window was not completed: the next session lists it again
        try (TransactionSync.Batch batch = sync.openBatch(List.of(FIRST))) {
            try (TransactionSync.Session session = batch.open(client, LOGIN_SECRET, FIRST)) {
                assertThat(session.changes()).hasSize(3);
            }
        }
    }

    @Test
    void anotherSessionOfABatchedAccountWaitsUntilTheBatchWroteItsState() {
        TransactionSync sync = sync(bulk);
        try (TransactionSync.Batch batch = sync.openBatch(List.of(FIRST))) {
            try (TransactionSync.Session session = batch.open(client, LOGIN_SECRET, FIRST)) {
                commitAll(session);
            }
            // a webhook's session on another thread
            assertThatThrownBy(() -> CompletableFuture.runAsync(
                    () -> sync.open(client, LOGIN_SECRET, FIRST, Duration.ofMillis(50)).close()).join())
                    .hasCauseInstanceOf(SyncInProgressException.class);
        }

        try (TransactionSync.Session webhook = sync.open(client, LOGIN_SECRET, FIRST, Duration.ofMillis(50))) {
            assertThat(webhook.changes()).isEmpty();
        }
    }

    @Test
    void aBatchOpensOnlyItsOwnAccounts() {
        try (TransactionSync.Batch batch = sync(bulk).openBatch(List.of(FIRST))) {
            assertThatThrownBy(() -> batch.open(client, LOGIN_SECRET, SECOND))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Account " + SECOND + " is not in this open batch");
        }
    }

    @Test
    void overAPlainStateRepositoryEachSessionWritesItsStateAsItCloses() {
        StateRepository<String, String> plain = new MemoryStateRepository();
        try (TransactionSync.Batch batch = sync(plain).openBatch(List.of(FIRST, SECOND))) {
            try (TransactionSync.Session session = batch.open(client, LOGIN_SECRET, FIRST)) {
                commitAll(session);
            }
            assertThat(stored(plain, FIRST).size()).isEqualTo(5);
        }
    }

    /** Camel's memory repository, recording each bulk call. */
    private static final class RecordingBulkRepository extends MemoryStateRepository implements BulkStateRepository {

        private final List<List<String>> reads = new ArrayList<>();
        private final List<Map<String, String>> writes = new ArrayList<>();
        private final List<Set<String>> unstoredHints = new ArrayList<>();

        @Override
        public Map<String, String> getStates(Collection<String> keys) {
            reads.add(List.copyOf(keys));
            Map<String, String> states = new HashMap<>();
            keys.forEach(key -> {
                String value = getState(key);
                if (value != null) {
                    states.put(key, value);
                }
            });
            return states;
        }

        @Override
        public void setStates(Map<String, String> states) {
            writes.add(Map.copyOf(states));
            states.forEach(this::setState);
        }

        @Override
        public void setStates(Map<String, String> states, Set<String> unstored) {
            unstoredHints.add(Set.copyOf(unstored));
            setStates(states);
        }
    }
}
