package io.github.camelfinsify.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

import io.github.camelfinsify.model.LoginStatus;
import io.github.camelfinsify.model.LoginStatusEvent;
import io.github.camelfinsify.sync.LoginStatusStore;

/**
 * A {@link LoginStatusStore} in a database table, so that a status learned by the replica that received the webhook is
 * obeyed by the replica that syncs.
 * <p>
 * It writes the {@code status} column of the login table that {@link JdbcLoginDirectory} also uses (same default name,
 * same columns; created by {@link #start()} when missing): with a directory, a login's secret and status are one row;
 * without one (logins configured with a single {@code loginSecret}), the row of a login that needs its user has a
 * status and no secret. {@code status} holds the API's value ({@code login_wrong_credentials}, ...) of a status that
 * needs the user, and is empty otherwise. Every call reads or writes the database: no cache.
 */
public class JdbcLoginStatusStore extends JdbcTableService implements LoginStatusStore {

    public static final String DEFAULT_TABLE = LoginTable.DEFAULT_NAME;

    private static final List<String> STATUSES_NEEDING_USER = Arrays.stream(LoginStatus.values())
            .filter(LoginStatus::requiresUserAction).map(LoginStatus::wireValue).toList();


    public JdbcLoginStatusStore() {
        super(DEFAULT_TABLE);
    }

    public JdbcLoginStatusStore(DataSource dataSource) {
        super(DEFAULT_TABLE);
        setDataSource(dataSource);
    }

    @Override
    String ddl(String table) {
        return LoginTable.ddl(table);
    }


    @Override
    public void update(LoginStatusEvent event) {
        Objects.requireNonNull(event, "event");
        if (!event.requiresUserAction()) {
            clear(event.loginId());
            return;
        }
        try {
            SqlTables.autoCommitted(dataSource(), c -> {
                LoginTable.upsert(c, table(), event.loginId(), List.of("status"), List.of(event.status().wireValue()));
                return null;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot save the status of login " + event.loginId() + " to " + table(), e);
        }
    }

    @Override
    public void clear(long loginId) {
        try {
            SqlTables.inTransaction(dataSource(), c -> {
                LoginTable.clearSide(c, table(), loginId, "secret", "status = NULL");
                return null;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot clear the status of login " + loginId + " in " + table(), e);
        }
    }

    @Override
    public LoginStatusEvent needingUser(long loginId) {
        String stored;
        try (Connection c = dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT status FROM " + table() + " WHERE login_id = ?")) {
            ps.setLong(1, loginId);
            try (ResultSet rs = ps.executeQuery()) {
                stored = rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the status of login " + loginId + " from " + table(), e);
        }
        if (stored == null) {
            return null;
        }
        // a value this version does not know (written by a newer one) does not stop the login here
        LoginStatus status = LoginStatus.fromWireValue(stored);
        return status.requiresUserAction() ? new LoginStatusEvent(loginId, status, stored) : null;
    }

    @Override
    public long countNeedingUser() {
        String placeholders = String.join(", ", STATUSES_NEEDING_USER.stream().map(s -> "?").toList());
        try (Connection c = dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT COUNT(*) FROM " + table() + " WHERE status IN (" + placeholders + ")")) {
            for (int i = 0; i < STATUSES_NEEDING_USER.size(); i++) {
                ps.setString(i + 1, STATUSES_NEEDING_USER.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot count the logins needing their user in " + table(), e);
        }
    }

    @Override
    public String toString() {
        return "JdbcLoginStatusStore[" + table() + "]";
    }
}
