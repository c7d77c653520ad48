package io.github.camelfinsify.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import io.github.camelfinsify.sync.BulkStateRepository;
import io.github.camelfinsify.sync.SizedStateRepository;
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
 * As a {@link BulkStateRepository} it reads several keys with one {@code IN} query and writes several states in one
 * transaction of batched updates and a multi-row insert: the directory consumer's round trips per login, not per
 * account. A write that is one statement (a login's first states, or one changed state) runs in auto-commit, without
 * the round trips of a transaction.
 * <p>
 * As a {@link SizedStateRepository} it counts its rows and their length for the {@code finsify} dev console.
 * <p>
 * Table (created by {@link #start()} when missing, unless {@link #setCreateTable(boolean) turned off}):
 * {@code state_key VARCHAR(255) PRIMARY KEY, state_value TEXT NOT NULL}.
 */
public class JdbcStateRepository extends ServiceSupport implements BulkStateRepository, SizedStateRepository {

    public static final String DEFAULT_TABLE = "finsify_sync_state";
    /** Keys per {@code IN} list: far below every database's limit on bind parameters. */
    static final int KEYS_PER_QUERY = 100;

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
    public StateSize stateSize() {
        try (Connection c = dataSource.getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*), COALESCE(SUM(LENGTH(state_value)), 0) FROM " + table)) {
            rs.next();
            return new StateSize(rs.getLong(1), rs.getLong(2));
        } catch (SQLException e) {
            throw new RuntimeCamelException("Cannot count the sync states in " + table, e);
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

    @Override
    public Map<String, String> getStates(Collection<String> keys) {
        Map<String, String> states = new HashMap<>();
        List<String> all = List.copyOf(keys);
        try (Connection c = dataSource.getConnection()) {
            for (int from = 0; from < all.size(); from += KEYS_PER_QUERY) {
                List<String> chunk = all.subList(from, Math.min(all.size(), from + KEYS_PER_QUERY));
                try (PreparedStatement ps = c.prepareStatement("SELECT state_key, state_value FROM " + table
                        + " WHERE state_key IN (" + String.join(", ", Collections.nCopies(chunk.size(), "?"))
                        + ")")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setString(i + 1, chunk.get(i));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            states.put(rs.getString(1), rs.getString(2));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new RuntimeCamelException("Cannot read " + keys.size() + " sync states from " + table, e);
        }
        return states;
    }

    /**
     * One transaction: the updates as one JDBC batch, then the inserts of the keys no row had yet. If another writer
     * inserted one of those keys in between, the transaction is rolled back and each state is upserted on its own.
     * A single state is upserted in auto-commit, as {@link #setState}.
     */
    @Override
    public void setStates(Map<String, String> states) {
        setStates(states, Set.of());
    }

    /**
     * As {@link #setStates(Map)}, with the keys that had no state when read inserted at once instead of updated
     * first (a login's first sync: its accounts' states are all new; one {@code INSERT}, with no transaction around
     * it). Should another writer have inserted one of them in between, the insert violates the key and the fallback
     * upserts each state.
     */
    @Override
    public void setStates(Map<String, String> states, Set<String> unstored) {
        if (states.isEmpty()) {
            return;
        }
        Map<String, String> updates = new HashMap<>(states);
        Map<String, String> inserts = new HashMap<>();
        for (String key : unstored) {
            String value = updates.remove(key);
            if (value != null) {
                inserts.put(key, value);
            }
        }
        if (inserts.isEmpty() && updates.size() == 1) {
            // one changed account (what a webhook's sync mostly writes): an UPDATE in auto-commit, no COMMIT trip
            updates.forEach(this::setState);
            return;
        }
        SqlTables.Work<Void> write = c -> {
            if (!updates.isEmpty()) {
                inserts.putAll(updateAll(c, updates));
            }
            insertAll(c, inserts);
            return null;
        };
        try {
            if (updates.isEmpty() && inserts.size() <= KEYS_PER_QUERY) {
                // one statement is atomic on its own: a new login's states need no BEGIN and COMMIT round trips
                SqlTables.autoCommitted(dataSource, write);
            } else {
                SqlTables.inTransaction(dataSource, write);
            }
        } catch (SQLException e) {
            if (!SqlTables.isTransactionConflict(e) && !(e.getNextException() != null
                                                         && SqlTables.isTransactionConflict(e.getNextException()))) {
                throw new RuntimeCamelException("Cannot write " + states.size() + " sync states to " + table, e);
            }
            states.forEach(this::setState);
        }
    }

    /**
     * Answers the states whose key had no row, and those whose update count the driver did not tell: inserting one
     * that had a row violates the key, and the fallback then upserts each.
     */
    private Map<String, String> updateAll(Connection c, Map<String, String> states) throws SQLException {
        List<Map.Entry<String, String>> entries = new ArrayList<>(states.entrySet());
        Map<String, String> missing = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET state_value = ? WHERE state_key = ?")) {
            for (Map.Entry<String, String> entry : entries) {
                ps.setString(1, entry.getValue());
                ps.setString(2, entry.getKey());
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            for (int i = 0; i < entries.size(); i++) {
                if (counts[i] == 0 || counts[i] == Statement.SUCCESS_NO_INFO) {
                    missing.put(entries.get(i).getKey(), entries.get(i).getValue());
                }
            }
        }
        return missing;
    }

    /**
     * One multi-row {@code INSERT ... VALUES (?, ?), (?, ?)} per {@value #KEYS_PER_QUERY} states (standard SQL): one
     * statement for a login's accounts rather than one each in a batch.
     */
    private void insertAll(Connection c, Map<String, String> states) throws SQLException {
        List<Map.Entry<String, String>> entries = new ArrayList<>(states.entrySet());
        for (int from = 0; from < entries.size(); from += KEYS_PER_QUERY) {
            List<Map.Entry<String, String>> chunk =
                    entries.subList(from, Math.min(entries.size(), from + KEYS_PER_QUERY));
            String rows = String.join(", ", Collections.nCopies(chunk.size(), "(?, ?)"));
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO " + table + " (state_key, state_value) VALUES " + rows)) {
                int index = 1;
                for (Map.Entry<String, String> entry : chunk) {
                    ps.setString(index++, entry.getKey());
                    ps.setString(index++, entry.getValue());
                }
                ps.executeUpdate();
            }
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
