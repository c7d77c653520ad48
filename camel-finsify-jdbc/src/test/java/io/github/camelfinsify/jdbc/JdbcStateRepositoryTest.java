package io.github.camelfinsify.jdbc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.github.camelfinsify.sync.SizedStateRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

@ParameterizedClass(name = "{0}")
@EnumSource(Database.class)
class JdbcStateRepositoryTest {

    @Parameter
    Database database;

    private TestDatabase db;

    @BeforeEach
    void open() {
        db = database.open();
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void storesReplacesAndSharesStateBetweenInstances() {
        JdbcStateRepository first = new JdbcStateRepository(db.dataSource());
        first.start();
        assertThat(first.getState("finsify-sync:1")).isNull();

        first.setState("finsify-sync:1", "v1|abc|");
        first.setState("finsify-sync:1", "v1|abd|1:2:3");
        first.setState("finsify-sync:2", "x".repeat(100_000)); // a large window

        // another instance over the same database (start() again: the table is there)
        JdbcStateRepository second = new JdbcStateRepository(db.dataSource());
        second.start();
        assertThat(second.getState("finsify-sync:1")).isEqualTo("v1|abd|1:2:3");
        assertThat(second.getState("finsify-sync:2")).hasSize(100_000);
    }

    @Test
    void sizeCountsTheStatesAndTheirCharacters() {
        JdbcStateRepository repository = new JdbcStateRepository(db.dataSource());
        repository.start();
        assertThat(repository.stateSize()).isEqualTo(new SizedStateRepository.StateSize(0, 0));

        repository.setState("finsify-sync:1", "v1|abc|");
        repository.setState("finsify-sync:2", "x".repeat(10_000));
        repository.setState("finsify-sync:1", "v1|abd|1:2:3"); // replaced, not added

        assertThat(repository.stateSize()).isEqualTo(new SizedStateRepository.StateSize(2, 12 + 10_000));
    }

    @Test
    void readsSeveralStatesInOneCallLeavingOutKeysWithoutState() {
        JdbcStateRepository repository = new JdbcStateRepository(db.dataSource());
        repository.start();
        repository.setState("finsify-sync:1", "v1|abc|");
        repository.setState("finsify-sync:3", "v1|abd|1:2:3");

        assertThat(repository.getStates(List.of("finsify-sync:1", "finsify-sync:2", "finsify-sync:3")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("finsify-sync:1", "v1|abc|", "finsify-sync:3", "v1|abd|1:2:3"));
    }

    @Test
    void readsMoreKeysThanOneQueryTakes() {
        JdbcStateRepository repository = new JdbcStateRepository(db.dataSource());
        repository.start();
        int count = JdbcStateRepository.KEYS_PER_QUERY * 2 + 1;
        Map<String, String> states = new LinkedHashMap<>();
        IntStream.range(0, count).forEach(i -> states.put("finsify-sync:" + i, "value-" + i));
        repository.setStates(states);

        assertThat(repository.getStates(states.keySet())).isEqualTo(states);
    }

    @Test
    void writesSeveralStatesInOneCallInsertingNewKeysAndReplacingKnownOnes() {
        JdbcStateRepository repository = new JdbcStateRepository(db.dataSource());
        repository.start();
        repository.setState("finsify-sync:1", "old");

        repository.setStates(Map.of("finsify-sync:1", "new", "finsify-sync:2", "first"));

        JdbcStateRepository other = new JdbcStateRepository(db.dataSource());
        assertThat(other.getState("finsify-sync:1")).isEqualTo("new");
        assertThat(other.getState("finsify-sync:2")).isEqualTo("first");
        assertThat(db.value("SELECT COUNT(*) FROM finsify_sync_state")).isEqualTo("2");
    }

    @Test
    void writesStatesTheCallerReadAsUnstoredByInsertingThem() {
        JdbcStateRepository repository = new JdbcStateRepository(db.dataSource());
        repository.start();
        repository.setState("finsify-sync:1", "old");

        repository.setStates(Map.of("finsify-sync:1", "new", "finsify-sync:2", "first"), Set.of("finsify-sync:2"));

        assertThat(repository.getStates(List.of("finsify-sync:1", "finsify-sync:2")))
                .containsOnly(entry("finsify-sync:1", "new"), entry("finsify-sync:2", "first"));
        assertThat(db.value("SELECT COUNT(*) FROM finsify_sync_state")).isEqualTo("2");
    }

    @Test
    void aLoginsFirstStatesAreOneInsertWithoutATransactionAroundIt() {
        JdbcCalls calls = new JdbcCalls(db.dataSource());
        JdbcStateRepository repository = new JdbcStateRepository(calls.dataSource());
        repository.start();
        Map<String, String> states = Map.of("finsify-sync:1", "a", "finsify-sync:2", "b", "finsify-sync:3", "c");
        calls.clear();

        repository.setStates(states, states.keySet());

        // one statement is atomic on its own: no BEGIN and COMMIT round trips for a new login's sync
        assertThat(calls.calls()).containsExactly(
                "prepare INSERT INTO finsify_sync_state (state_key, state_value) VALUES (?, ?), (?, ?), (?, ?)");
        assertThat(new JdbcStateRepository(db.dataSource()).getStates(states.keySet())).isEqualTo(states);
    }

    @Test
    void oneChangedStateIsOneUpdateWithoutATransactionAroundIt() {
        JdbcCalls calls = new JdbcCalls(db.dataSource());
        JdbcStateRepository repository = new JdbcStateRepository(calls.dataSource());
        repository.start();
        repository.setStates(Map.of("finsify-sync:1", "old", "finsify-sync:2", "other"));
        calls.clear();

        // a webhook's sync of the one account that changed
        repository.setStates(Map.of("finsify-sync:1", "new"), Set.of());

        assertThat(calls.calls())
                .containsExactly("prepare UPDATE finsify_sync_state SET state_value = ? WHERE state_key = ?");
        assertThat(new JdbcStateRepository(db.dataSource()).getStates(List.of("finsify-sync:1", "finsify-sync:2")))
                .containsOnly(entry("finsify-sync:1", "new"), entry("finsify-sync:2", "other"));
    }

    @Test
    void statesThatReplaceStoredOnesAreWrittenInOneTransaction() {
        JdbcCalls calls = new JdbcCalls(db.dataSource());
        JdbcStateRepository repository = new JdbcStateRepository(calls.dataSource());
        repository.start();
        repository.setState("finsify-sync:1", "old");
        calls.clear();

        repository.setStates(Map.of("finsify-sync:1", "new", "finsify-sync:2", "first"), Set.of("finsify-sync:2"));

        assertThat(calls.calls()).containsExactly("setAutoCommit(false)",
                "prepare UPDATE finsify_sync_state SET state_value = ? WHERE state_key = ?",
                "prepare INSERT INTO finsify_sync_state (state_key, state_value) VALUES (?, ?)", "commit",
                "setAutoCommit(true)");
    }

    @Test
    void aStateReadAsUnstoredThatAnotherWriterStoredMeanwhileIsStillReplaced() {
        JdbcStateRepository repository = new JdbcStateRepository(db.dataSource());
        repository.start();
        new JdbcStateRepository(db.dataSource()).setState("finsify-sync:2", "the other writer's");

        repository.setStates(Map.of("finsify-sync:1", "first", "finsify-sync:2", "ours"),
                Set.of("finsify-sync:1", "finsify-sync:2"));

        assertThat(repository.getStates(List.of("finsify-sync:1", "finsify-sync:2")))
                .containsOnly(entry("finsify-sync:1", "first"), entry("finsify-sync:2", "ours"));
        assertThat(db.value("SELECT COUNT(*) FROM finsify_sync_state")).isEqualTo("2");
    }

    @Test
    void anUnstoredHintForAKeyNotWrittenWritesNothingForIt() {
        JdbcStateRepository repository = new JdbcStateRepository(db.dataSource());
        repository.start();

        repository.setStates(Map.of("finsify-sync:1", "first"), Set.of("finsify-sync:1", "finsify-sync:9"));

        assertThat(db.value("SELECT COUNT(*) FROM finsify_sync_state")).isEqualTo("1");
    }

    @Test
    void concurrentBatchWritesOfTheSameNewKeysLeaveOneRowEach() throws Exception {
        JdbcStateRepository repository = new JdbcStateRepository(db.dataSource());
        repository.start();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String value = "value-" + i;
                writes.add(pool.submit(() -> {
                    go.await();
                    repository.setStates(Map.of("race:1", value, "race:2", value));
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> write : writes) {
                write.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(repository.getStates(List.of("race:1", "race:2"))).hasSize(2);
        assertThat(db.value("SELECT COUNT(*) FROM finsify_sync_state")).isEqualTo("2");
    }

    @Test
    void batchWritesAreCommittedWhenThePoolTurnsAutoCommitOff() {
        try (TestDatabase manual = database.open(pool -> pool.setAutoCommit(false))) {
            JdbcStateRepository repository = new JdbcStateRepository(manual.dataSource());
            repository.start();
            repository.setStates(Map.of("finsify-sync:1", "first"));
            repository.setStates(Map.of("finsify-sync:1", "second", "finsify-sync:2", "other"));

            assertThat(new JdbcStateRepository(manual.dataSource()).getState("finsify-sync:1")).isEqualTo("second");
        }
    }

    @Test
    void concurrentFirstWritesOfOneKeyLeaveOneRow() throws Exception {
        JdbcStateRepository repository = new JdbcStateRepository(db.dataSource());
        repository.start();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String value = "value-" + i;
                writes.add(pool.submit(() -> {
                    go.await();
                    repository.setState("race", value);
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> write : writes) {
                write.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(repository.getState("race")).startsWith("value-");
        assertThat(db.value("SELECT COUNT(*) FROM finsify_sync_state")).isEqualTo("1");
    }

    @Test
    void writesAreCommittedWhenThePoolTurnsAutoCommitOff() {
        try (TestDatabase manual = database.open(pool -> pool.setAutoCommit(false))) {
            JdbcStateRepository repository = new JdbcStateRepository(manual.dataSource());
            repository.start();
            repository.setState("finsify-sync:1", "first");
            repository.setState("finsify-sync:1", "second");

            assertThat(new JdbcStateRepository(manual.dataSource()).getState("finsify-sync:1")).isEqualTo("second");
        }
    }

    @Test
    void keepsItsTableInTheSchemaItIsGiven() {
        db.update("CREATE SCHEMA finsify");
        try {
            JdbcStateRepository repository = new JdbcStateRepository(db.dataSource(), "finsify.sync_state");
            repository.start();
            repository.setState("finsify-sync:1", "v1");

            assertThat(db.value("SELECT state_value FROM finsify.sync_state")).isEqualTo("v1");
        } finally {
            db.update("DROP SCHEMA finsify CASCADE");
        }
    }

    @Test
    void refusesATableNameThatIsNotOne() {
        assertThatThrownBy(() -> new JdbcStateRepository(db.dataSource(), "state; DROP TABLE x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Not a table name: state; DROP TABLE x");
    }
}
