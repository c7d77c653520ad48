package io.github.camelfinsify.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

import javax.sql.DataSource;

/**
 * What the stores of this module share about their tables: which names they accept, how they create a table, and
 * which SQL errors mean "another writer came first".
 */
final class SqlTables {

    // a plain identifier, optionally schema-qualified; 63 characters is PostgreSQL's limit for each part
    private static final Pattern TABLE_NAME =
            Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}(\\.[A-Za-z_][A-Za-z0-9_]{0,62})?");

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String SERIALIZATION_FAILURE = "40001";
    private static final String POSTGRESQL_DEADLOCK = "40P01";

    private SqlTables() {
    }

    /**
     * The name, if it is a table name that is safe to put into SQL: letters, digits and underscores, with an optional
     * schema ({@code finsify.login}). It is not quoted, so the database folds its case as usual.
     */
    static String requireTableName(String name) {
        if (name == null || !TABLE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a table name: " + name
                                               + " (letters, digits and _, optionally schema.table, at most 63 each)");
        }
        return name;
    }

    /** Runs one {@code CREATE ... IF NOT EXISTS}: safe to repeat, and several instances may run it at once. */
    static void create(DataSource dataSource, String table, String ddl) {
        try {
            autoCommitted(dataSource, c -> {
                try (Statement s = c.createStatement()) {
                    return s.execute(ddl);
                }
            });
        } catch (SQLException e) {
            if (!isUniqueViolation(e)) { // PostgreSQL: two instances created it at the same instant
                throw new IllegalStateException("Cannot create table " + table + ": " + e.getMessage(), e);
            }
        }
    }

    /** SQL that runs on a connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs statements that each commit on their own, whatever the pool's auto-commit setting: an upsert repeats its
     * update after a failed insert, which PostgreSQL refuses inside the transaction that insert aborted.
     */
    static <T> T autoCommitted(DataSource dataSource, Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            if (!autoCommit) {
                c.setAutoCommit(true);
            }
            try {
                return work.run(c);
            } finally {
                if (!autoCommit) {
                    c.setAutoCommit(false);
                }
            }
        }
    }

    /** Runs statements in one transaction: committed if the work returns, rolled back if it throws. */
    static <T> T inTransaction(DataSource dataSource, Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(c, e);
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    private static void rollback(Connection c, Exception failure) {
        try {
            c.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /** Another writer inserted the same key first. */
    static boolean isUniqueViolation(SQLException e) {
        return UNIQUE_VIOLATION.equals(e.getSQLState());
    }

    /** The database gave up a transaction that raced with another one; repeating it is safe. */
    static boolean isTransactionConflict(SQLException e) {
        String state = e.getSQLState();
        return isUniqueViolation(e) || SERIALIZATION_FAILURE.equals(state) || POSTGRESQL_DEADLOCK.equals(state);
    }
}
