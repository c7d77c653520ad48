package io.github.camelfinsify.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import com.zaxxer.hikari.HikariConfig;

/**
 * The databases every test of this module runs on: each test gets an empty database of its own, behind a connection
 * pool as in production.
 */
enum Database {

    H2 {
        @Override
        TestDatabase open(Consumer<HikariConfig> pool) {
            String url = "jdbc:h2:mem:finsify-" + COUNTER.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
            HikariConfig config = config(url, "sa", pool);
            return new TestDatabase(config, () -> execute(url, "sa", "SHUTDOWN"));
        }
    },

    /** A real PostgreSQL server ({@link PostgresServer}); each test gets a schema of its own. */
    POSTGRESQL {
        @Override
        TestDatabase open(Consumer<HikariConfig> pool) {
            PostgresServer server = PostgresServer.shared();
            String schema = "test_" + COUNTER.incrementAndGet();
            execute(server.jdbcUrl(), server.user(), "CREATE SCHEMA " + schema);
            HikariConfig config = config(server.jdbcUrl(), server.user(), pool);
            config.setSchema(schema);
            return new TestDatabase(config,
                    () -> execute(server.jdbcUrl(), server.user(), "DROP SCHEMA " + schema + " CASCADE"));
        }
    };

    private static final AtomicInteger COUNTER = new AtomicInteger();

    /** An empty database with a pool of default settings. */
    TestDatabase open() {
        return open(pool -> {
        });
    }

    /** An empty database with a pool whose settings {@code pool} changed. */
    abstract TestDatabase open(Consumer<HikariConfig> pool);

    private static HikariConfig config(String url, String user, Consumer<HikariConfig> pool) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword("");
        config.setMaximumPoolSize(10);
        pool.accept(config);
        return config;
    }

    private static void execute(String url, String user, String sql) {
        try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot run " + sql + " on " + url, e);
        }
    }
}
