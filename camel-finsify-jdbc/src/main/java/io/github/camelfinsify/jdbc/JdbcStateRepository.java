package io.github.camelfinsify.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.service.ServiceSupport;

/**
 * A {@link StateRepository} in a database table, so that several instances share the sync state of
 * {@code finsify:transactions}: whichever instance syncs next continues where the last one stopped.
 * <p>
 * Camel 4.18 ships JDBC idempotent and aggregation repositories (camel-sql) but no JDBC state repository; this one is
 * a table of two columns and an upsert. Every read goes to the database (no cache), so an instance that takes over
 * sees the state its predecessor wrote last. The SQL is plain (update, else insert; a duplicate key on insert means
 * another writer came first, and the update is repeated), so it runs on H2, PostgreSQL, MySQL and others.
 * <p>
 * Table (created by {@link #start()} when missing, unless {@link #setCreateTable(boolean) turned off}):
 * {@code state_key VARCHAR(255) PRIMARY KEY, state_value TEXT NOT NULL}.
 */
public class JdbcStateRepository extends ServiceSupport implements StateRepository<String, String> {

    public static final String DEFAULT_TABLE = "finsify_sync_state";

    private final DataSource dataSource;
    private final String table;
    private boolean createTable = true;

    public JdbcStateRepository(DataSource dataSource) {
        this(dataSource, DEFAULT_TABLE);
    }

    public JdbcStateRepository(DataSource dataSource, String table) {
        if (dataSource == null) {
            throw new IllegalArgumentException("JdbcStateRepository needs a DataSource");
        }
        this.dataSource = dataSource;
        this.table = SqlTables.requireTableName(table);
    }

    /** Whether {@link #start()} creates the table when it is missing (default true). */
    public void setCreateTable(boolean createTable) {
        this.createTable = createTable;
    }

    public String getTable() {
        return table;
    }

    @Override
    protected void doStart() {
        if (createTable) {
            SqlTables.create(dataSource, table, "CREATE TABLE IF NOT EXISTS " + table
                                                + " (state_key VARCHAR(255) PRIMARY KEY, state_value TEXT NOT NULL)");
        }
    }

    @Override
    public String getState(String key) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT state_value FROM " + table + " WHERE state_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new RuntimeCamelException("Cannot read sync state " + key + " from " + table, e);
        }
    }

    @Override
    public void setState(String key, String value) {
        try {
            SqlTables.autoCommitted(dataSource, c -> {
                if (update(c, key, value) == 0) {
                    try {
                        insert(c, key, value);
                    } catch (SQLException e) {
                        // another writer inserted the key in between: ours is the newer value
                        if (!SqlTables.isUniqueViolation(e) || update(c, key, value) == 0) {
                            throw e;
                        }
                    }
                }
                return null;
            });
        } catch (SQLException e) {
            throw new RuntimeCamelException("Cannot write sync state " + key + " to " + table, e);
        }
    }

    private int update(Connection c, String key, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET state_value = ? WHERE state_key = ?")) {
            ps.setString(1, value);
            ps.setString(2, key);
            return ps.executeUpdate();
        }
    }

    private void insert(Connection c, String key, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO " + table + " (state_key, state_value) VALUES (?, ?)")) {
            ps.setString(1, key);
            ps.setString(2, value);
            ps.executeUpdate();
        }
    }

    @Override
    public String toString() {
        return "JdbcStateRepository[" + table + "]";
    }
}
