package io.github.camelfinsify.examples.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JdbcStateRepositoryTest {

    private final JdbcConnectionPool dataSource =
            JdbcConnectionPool.create("jdbc:h2:mem:state-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "");

    @AfterEach
    void close() {
        dataSource.dispose();
    }

    @Test
    void storesReplacesAndSharesStateBetweenInstances() {
        JdbcStateRepository first = new JdbcStateRepository(dataSource);
        first.start();
        assertThat(first.getState("finsify-sync:1")).isNull();

        first.setState("finsify-sync:1", "v1|abc|");
        first.setState("finsify-sync:1", "v1|abd|1:2:3");
        first.setState("finsify-sync:2", "x".repeat(100_000)); // a large window: CLOB

        // another instance over the same database (start() again: the table is there)
        JdbcStateRepository second = new JdbcStateRepository(dataSource);
        second.start();
        assertThat(second.getState("finsify-sync:1")).isEqualTo("v1|abd|1:2:3");
        assertThat(second.getState("finsify-sync:2")).hasSize(100_000);
    }

    @Test
    void concurrentFirstWritesOfOneKeyLeaveOneRow() throws Exception {
        JdbcStateRepository repository = new JdbcStateRepository(dataSource);
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
        try (var c = dataSource.getConnection(); var s = c.createStatement();
             var rs = s.executeQuery("SELECT COUNT(*) FROM finsify_sync_state")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void refusesATableNameThatIsNotOne() {
        assertThatThrownBy(() -> new JdbcStateRepository(dataSource, "state; DROP TABLE x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
