package io.github.camelfinsify.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.github.camelfinsify.sync.SyncRequest;
import io.github.camelfinsify.sync.SyncRequests;

/**
 * {@link SyncRequests} in a database table, so that a webhook received by any replica reaches the one that syncs, and
 * a request survives a crash of either.
 * <p>
 * Table (created by {@link #start()} when missing, unless {@link #setCreateTable(boolean) turned off}):
 * {@code login_id BIGINT PRIMARY KEY, account_ids TEXT NOT NULL, version BIGINT NOT NULL,
 * requested_at TIMESTAMP WITH TIME ZONE NOT NULL}, one row per login with a pending request. {@code account_ids} is
 * the comma-separated list of accounts to sync, empty for all of them.
 * <p>
 * {@link #request} merges into the pending row in one transaction that locks it ({@code SELECT ... FOR UPDATE}), so
 * replicas requesting the same login at the same time leave one row with the union of their accounts; when two of
 * them insert the first row at once, the loser's transaction is repeated and merges. Each write gives the row a new
 * {@code version}, which {@link #done} compares before deleting. A merged request keeps its place in the queue
 * ({@code requested_at} is the time of the first request), so a busy login cannot push itself back forever.
 */
public class JdbcSyncRequests extends JdbcTableService implements SyncRequests {

    public static final String DEFAULT_TABLE = "finsify_sync_request";

    /** Enough for eight replicas racing on one login's first request; each round lets at least one of them through. */
    private static final int MAX_ATTEMPTS = 16;


    public JdbcSyncRequests() {
        super(DEFAULT_TABLE);
    }

    public JdbcSyncRequests(DataSource dataSource) {
        super(DEFAULT_TABLE);
        setDataSource(dataSource);
    }

    @Override
    String ddl(String table) {
        return "CREATE TABLE IF NOT EXISTS " + table + " ("
               + "login_id BIGINT PRIMARY KEY, "
               + "account_ids TEXT NOT NULL, "
               + "version BIGINT NOT NULL, "
               + "requested_at TIMESTAMP WITH TIME ZONE NOT NULL)";
    }


    @Override
    public void request(long loginId, Collection<Long> accountIds) {
        Set<Long> accounts = new TreeSet<>(Objects.requireNonNull(accountIds, "accountIds"));
        for (int attempt = 1;; attempt++) {
            try {
                SqlTables.inTransaction(dataSource(), c -> {
                    merge(c, loginId, accounts);
                    return null;
                });
                return;
            } catch (SQLException e) {
                if (!SqlTables.isTransactionConflict(e) || attempt == MAX_ATTEMPTS) {
                    throw new IllegalStateException("Cannot record a sync request of login " + loginId + " in "
                                                    + table(), e);
                }
            }
        }
    }

    private void merge(Connection c, long loginId, Set<Long> accounts) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT account_ids, version FROM " + table() + " WHERE login_id = ? FOR UPDATE")) {
            select.setLong(1, loginId);
            try (ResultSet rs = select.executeQuery()) {
                if (rs.next()) {
                    Set<Long> pending = parse(rs.getString(1));
                    long version = rs.getLong(2);
                    if (pending.isEmpty() || accounts.isEmpty()) {
                        pending.clear(); // one of them asks for every account
                    } else {
                        pending.addAll(accounts);
                    }
                    update(c, loginId, pending, Math.max(version + 1, newVersion()));
                    return;
                }
            }
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + table()
                                                           + " (login_id, account_ids, version, requested_at)"
                                                           + " VALUES (?, ?, ?, CURRENT_TIMESTAMP)")) {
            insert.setLong(1, loginId);
            insert.setString(2, format(accounts));
            insert.setLong(3, newVersion());
            insert.executeUpdate();
        }
    }

    private void update(Connection c, long loginId, Set<Long> accounts, long version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE " + table() + " SET account_ids = ?, version = ? WHERE login_id = ?")) {
            ps.setString(1, format(accounts));
            ps.setLong(2, version);
            ps.setLong(3, loginId);
            ps.executeUpdate();
        }
    }

    @Override
    public List<SyncRequest> pending(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("The number of requests must be at least 1, not " + limit);
        }
        try (Connection c = dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT login_id, account_ids, version FROM " + table()
                                                       + " ORDER BY requested_at, login_id FETCH FIRST ? ROWS ONLY")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                List<SyncRequest> requests = new ArrayList<>();
                while (rs.next()) {
                    requests.add(new SyncRequest(rs.getLong(1), parse(rs.getString(2)), rs.getLong(3)));
                }
                return requests;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the pending sync requests from " + table(), e);
        }
    }

    @Override
    public void done(SyncRequest request) {
        try {
            // committed whatever the pool's auto-commit: an uncommitted delete is rolled back when the connection goes
            // back, and the request would stay pending for good
            SqlTables.autoCommitted(dataSource(), c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "DELETE FROM " + table() + " WHERE login_id = ? AND version = ?")) {
                    ps.setLong(1, request.loginId());
                    ps.setLong(2, request.version());
                    return ps.executeUpdate();
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot remove the sync request of login " + request.loginId() + " from "
                                            + table(), e);
        }
    }

    /**
     * A version that no earlier row of the login had: the time in microseconds, so a request made after the previous
     * one was done and deleted does not repeat the version a slow reader still holds.
     */
    private static long newVersion() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }

    private static String format(Set<Long> accounts) {
        return accounts.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private Set<Long> parse(String accounts) {
        Set<Long> ids = new TreeSet<>();
        if (!accounts.isEmpty()) {
            Arrays.stream(accounts.split(",")).map(String::trim).map(Long::valueOf).forEach(ids::add);
        }
        return ids;
    }

    @Override
    public String toString() {
        return "JdbcSyncRequests[" + table() + "]";
    }
}
