package io.github.camelfinsify.jdbc;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.sql.DataSource;

import io.github.camelfinsify.sync.DirectoryLogin;
import io.github.camelfinsify.sync.ListedLogin;
import io.github.camelfinsify.sync.LoginDirectory;

/**
 * A {@link LoginDirectory} in a database table, shared by every replica, with each login's secret encrypted at rest
 * (AES-256-GCM, a random IV per value, the login id as associated data) under a key the user gives as Base64 text of
 * 32 random bytes ({@link #newSecretKey()}, or {@code head -c 32 /dev/urandom | base64}).
 * <p>
 * Table (created by {@link #start()} when missing, unless {@link #setCreateTable(boolean) turned off}; shared with
 * {@link JdbcLoginStatusStore} under the same name): {@code login_id BIGINT PRIMARY KEY, secret VARCHAR(4096),
 * customer_id VARCHAR(255), status VARCHAR(255), updated_at TIMESTAMP WITH TIME ZONE NOT NULL}. The directory holds
 * the rows whose {@code secret} is set; it pages through them by key ({@code WHERE login_id > ?}), so a book of
 * 100,000 logins is read a page at a time: {@link #listLogins} reads a page of ids with their encrypted secrets in one
 * query, and each secret is decrypted only when it is asked for.
 * <p>
 * A secret that cannot be decrypted (another key, a changed or moved value) throws
 * {@link LoginSecretDecryptionException}, naming the login. Neither the key nor a secret appears in a message, a log
 * line or {@code toString()}.
 */
public class JdbcLoginDirectory extends JdbcTableService implements LoginDirectory {

    public static final String DEFAULT_TABLE = LoginTable.DEFAULT_NAME;

    private LoginSecretCipher cipher;

    public JdbcLoginDirectory() {
        super(DEFAULT_TABLE);
    }

    /**
     * @param dataSource where the table is
     * @param secretKey  the key that encrypts the secrets: Base64 text of 32 bytes
     */
    public JdbcLoginDirectory(DataSource dataSource, String secretKey) {
        super(DEFAULT_TABLE);
        setDataSource(dataSource);
        setSecretKey(secretKey);
    }

    /** A new random key for {@link #setSecretKey(String)}: Base64 text of 32 bytes from {@code SecureRandom}. */
    public static String newSecretKey() {
        return LoginSecretCipher.newBase64Key();
    }

    /** The key that encrypts the secrets: Base64 text of 32 bytes (256 bits). Every replica needs the same one. */
    public void setSecretKey(String secretKey) {
        this.cipher = LoginSecretCipher.fromBase64Key(secretKey);
    }

    @Override
    String ddl(String table) {
        return LoginTable.ddl(table);
    }

    @Override
    protected void doStart() throws Exception {
        cipher();
        super.doStart();
    }

    @Override
    public List<Long> loginIds(long afterLoginId, int limit) {
        return page(afterLoginId, limit, "login_id", rs -> rs.getLong(1));
    }

    /**
     * One query for the page: the ids with their encrypted secrets. Each secret is decrypted when the sync asks for
     * it, so a value that cannot be decrypted counts against its login only, and the page holds no plain secret.
     */
    @Override
    public List<ListedLogin> listLogins(long afterLoginId, int limit) {
        LoginSecretCipher cipher = cipher();
        return page(afterLoginId, limit, "login_id, secret", rs -> {
            long loginId = rs.getLong(1);
            String stored = rs.getString(2);
            return ListedLogin.of(loginId, () -> cipher.decrypt(loginId, stored, table()));
        });
    }

    /** Reads one page of the logins that have a secret, by key: the {@code limit} after {@code afterLoginId}. */
    private <T> List<T> page(long afterLoginId, int limit, String columns, RowReader<T> reader) {
        if (limit < 1) {
            throw new IllegalArgumentException("The page size must be at least 1, not " + limit);
        }
        try (Connection c = dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + columns + " FROM " + table()
                                                       + " WHERE login_id > ? AND secret IS NOT NULL"
                                                       + " ORDER BY login_id FETCH FIRST ? ROWS ONLY")) {
            ps.setLong(1, afterLoginId);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> rows = new ArrayList<>(Math.min(limit, 1024));
                while (rs.next()) {
                    rows.add(reader.read(rs));
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot list the logins after " + afterLoginId + " in " + table(), e);
        }
    }

    /** Maps the current row of a page. */
    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    @Override
    public String secretOf(long loginId) {
        String stored;
        try (Connection c = dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT secret FROM " + table() + " WHERE login_id = ?")) {
            ps.setLong(1, loginId);
            try (ResultSet rs = ps.executeQuery()) {
                stored = rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read login " + loginId + " from " + table(), e);
        }
        return stored == null ? null : cipher().decrypt(loginId, stored, table());
    }

    @Override
    public void save(DirectoryLogin login) {
        long loginId = login.loginId();
        if (login.secret().getBytes(StandardCharsets.UTF_8).length > LoginTable.MAX_SECRET_BYTES) {
            throw new IllegalArgumentException("The secret of login " + loginId + " is longer than "
                                               + LoginTable.MAX_SECRET_BYTES + " bytes");
        }
        String customerId = login.customerId();
        if (customerId != null && customerId.length() > LoginTable.MAX_CUSTOMER_ID_LENGTH) {
            throw new IllegalArgumentException("The customer id of login " + loginId + " is longer than "
                                               + LoginTable.MAX_CUSTOMER_ID_LENGTH + " characters");
        }
        String encrypted = cipher().encrypt(loginId, login.secret());
        try {
            SqlTables.autoCommitted(dataSource(), c -> {
                LoginTable.upsert(c, table(), loginId, List.of("secret", "customer_id"),
                        Arrays.asList(encrypted, customerId));
                return null;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot save login " + loginId + " to " + table(), e);
        }
    }

    @Override
    public void remove(long loginId) {
        try {
            SqlTables.inTransaction(dataSource(), c -> {
                LoginTable.clearSide(c, table(), loginId, "status", "secret = NULL, customer_id = NULL");
                return null;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot remove login " + loginId + " from " + table(), e);
        }
    }

    @Override
    public long size() {
        try (Connection c = dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table() + " WHERE secret IS NOT NULL");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot count the logins in " + table(), e);
        }
    }

    private LoginSecretCipher cipher() {
        if (cipher == null) {
            throw new IllegalStateException("JdbcLoginDirectory needs a secretKey: Base64 text of 32 random bytes");
        }
        return cipher;
    }

    @Override
    public String toString() {
        return "JdbcLoginDirectory[" + table() + "]";
    }
}
