package io.github.camelfinsify.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * The table of logins that {@link JdbcLoginDirectory} and {@link JdbcLoginStatusStore} share, each writing its own
 * columns: the directory {@code secret} and {@code customer_id}, the status store {@code status}. A row lives while
 * either has something in it, so the status store works without a directory (a login configured with a single
 * {@code loginSecret} has a row with a status and no secret), and both see one row per login when they share it.
 */
final class LoginTable {

    static final String DEFAULT_NAME = "finsify_login";

    /** Largest secret stored, in UTF-8 bytes: its encrypted Base64 form then fits the column. */
    static final int MAX_SECRET_BYTES = 2048;
    static final int MAX_CUSTOMER_ID_LENGTH = 255;

    private LoginTable() {
    }

    static String ddl(String table) {
        return "CREATE TABLE IF NOT EXISTS " + table + " ("
               + "login_id BIGINT PRIMARY KEY, "
               + "secret VARCHAR(4096), "
               + "customer_id VARCHAR(" + MAX_CUSTOMER_ID_LENGTH + "), "
               + "status VARCHAR(255), "
               + "updated_at TIMESTAMP WITH TIME ZONE NOT NULL)";
    }

    /**
     * Writes one side's columns of a login's row, creating the row if there is none: update, else insert; a duplicate
     * key on insert means another writer created the row in between, and the update is repeated.
     */
    static void upsert(Connection c, String table, long loginId, List<String> columns, List<String> values)
            throws SQLException {
        String assignments = String.join(" = ?, ", columns) + " = ?";
        String update = "UPDATE " + table + " SET " + assignments + ", updated_at = CURRENT_TIMESTAMP WHERE login_id = ?";
        if (run(c, update, values, loginId, true) > 0) {
            return;
        }
        String insert = "INSERT INTO " + table + " (login_id, " + String.join(", ", columns) + ", updated_at) VALUES (?"
                        + ", ?".repeat(columns.size()) + ", CURRENT_TIMESTAMP)";
        try {
            run(c, insert, values, loginId, false);
        } catch (SQLException e) {
            if (!SqlTables.isUniqueViolation(e) || run(c, update, values, loginId, true) == 0) {
                throw e;
            }
        }
    }

    private static int run(Connection c, String sql, List<String> values, long loginId, boolean idLast)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int index = 1;
            if (!idLast) {
                ps.setLong(index++, loginId);
            }
            for (String value : values) {
                ps.setString(index++, value);
            }
            if (idLast) {
                ps.setLong(index, loginId);
            }
            return ps.executeUpdate();
        }
    }

    /**
     * Empties one side's columns of a login's row, or deletes the row when the other side's column is empty too. The
     * row is locked first, so that the directory and the status store emptying their sides at the same time never
     * leave an empty row behind.
     *
     * @param otherColumn the column of the other side: {@code status} for the directory, {@code secret} for the store
     * @param clearing    the assignments that empty this side, e.g. {@code secret = NULL, customer_id = NULL}
     */
    static void clearSide(Connection c, String table, long loginId, String otherColumn, String clearing)
            throws SQLException {
        boolean otherSideEmpty;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + otherColumn + " FROM " + table + " WHERE login_id = ? FOR UPDATE")) {
            ps.setLong(1, loginId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return;
                }
                otherSideEmpty = rs.getString(1) == null;
            }
        }
        String sql = otherSideEmpty
                ? "DELETE FROM " + table + " WHERE login_id = ?"
                : "UPDATE " + table + " SET " + clearing + ", updated_at = CURRENT_TIMESTAMP WHERE login_id = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, loginId);
            ps.executeUpdate();
        }
    }
}
