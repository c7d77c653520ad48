package io.github.camelfinsify.jdbc;

import java.util.Arrays;

import io.github.camelfinsify.model.LoginStatus;
import io.github.camelfinsify.model.LoginStatusEvent;
import io.github.camelfinsify.sync.DirectoryLogin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ParameterizedClass(name = "{0}")
@EnumSource(Database.class)
class JdbcLoginStatusStoreTest {

    private static final String SECRET = "login-secret-7f3a9c2e41d8b6a0";

    @Parameter
    Database database;

    private TestDatabase db;
    private JdbcLoginStatusStore store;

    @BeforeEach
    void open() {
        db = database.open();
        store = new JdbcLoginStatusStore(db.dataSource());
        store.start();
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static LoginStatusEvent status(long loginId, LoginStatus status) {
        return new LoginStatusEvent(loginId, status, status.wireValue());
    }

    @Test
    void aLoginNeedingItsUserIsKnownUntilCleared() {
        store.update(status(42, LoginStatus.WRONG_CREDENTIALS));

        assertThat(store.needingUser(42)).isEqualTo(status(42, LoginStatus.WRONG_CREDENTIALS));
        assertThat(store.countNeedingUser()).isEqualTo(1);

        store.clear(42);

        assertThat(store.needingUser(42)).isNull();
        assertThat(store.countNeedingUser()).isZero();
    }

    @Test
    void statusesAreCommittedWhenThePoolTurnsAutoCommitOff() {
        try (TestDatabase manual = database.open(pool -> pool.setAutoCommit(false))) {
            JdbcLoginStatusStore statuses = new JdbcLoginStatusStore(manual.dataSource());
            statuses.start();
            statuses.update(status(42, LoginStatus.WRONG_CREDENTIALS));
            statuses.update(status(43, LoginStatus.ACCOUNT_LOCKED));
            statuses.clear(43);

            assertThat(statuses.needingUser(42)).isEqualTo(status(42, LoginStatus.WRONG_CREDENTIALS));
            assertThat(statuses.needingUser(43)).isNull();
        }
    }

    @Test
    void aLoginWithoutAStatusIsUsable() {
        assertThat(store.needingUser(42)).isNull();
        store.clear(42); // nothing to clear: nothing happens
        assertThat(store.countNeedingUser()).isZero();
    }

    @Test
    void theLatestStatusWins() {
        store.update(status(42, LoginStatus.WRONG_CREDENTIALS));
        store.update(status(42, LoginStatus.ACCOUNT_LOCKED));

        assertThat(store.needingUser(42)).isEqualTo(status(42, LoginStatus.ACCOUNT_LOCKED));
        assertThat(store.countNeedingUser()).isEqualTo(1);
    }

    @Test
    void aStatusThatNeedsNoUserClearsTheLogin() {
        store.update(status(42, LoginStatus.PASSWORD_EXPIRED));

        store.update(new LoginStatusEvent(42, LoginStatus.UNKNOWN, "login_ok"));

        assertThat(store.needingUser(42)).isNull();
        assertThat(db.value("SELECT COUNT(*) FROM finsify_login")).isEqualTo("0");
    }

    @Test
    void storesTheApiValueOfTheStatus() {
        store.update(new LoginStatusEvent(42, LoginStatus.WRONG_CREDENTIALS, "LOGIN_WRONG_CREDENTIALS"));

        assertThat(db.value("SELECT status FROM finsify_login WHERE login_id = 42"))
                .isEqualTo("login_wrong_credentials");
    }

    @Test
    void aStatusLearnedByOneInstanceIsObeyedByAnother() {
        JdbcLoginStatusStore syncing = new JdbcLoginStatusStore(db.dataSource());
        syncing.start();

        store.update(status(7, LoginStatus.ACCOUNT_LOCKED));

        assertThat(syncing.needingUser(7)).isEqualTo(status(7, LoginStatus.ACCOUNT_LOCKED));
        syncing.clear(7);
        assertThat(store.needingUser(7)).isNull();
    }

    @Test
    void countsOnlyTheLoginsNeedingTheirUser() {
        store.update(status(1, LoginStatus.WRONG_CREDENTIALS));
        store.update(status(2, LoginStatus.PASSWORD_EXPIRED));
        store.update(status(3, LoginStatus.ACCOUNT_LOCKED));
        store.clear(2);
        // a value a newer version may write and this one does not know: it does not stop the login here
        db.update("UPDATE finsify_login SET status = 'login_needs_a_new_kind_of_action' WHERE login_id = 3");

        assertThat(store.countNeedingUser()).isEqualTo(1);
        assertThat(store.needingUser(3)).isNull();
    }

    @Test
    void worksWithoutADirectory() {
        store.update(status(42, LoginStatus.WRONG_CREDENTIALS));

        assertThat(db.rows("SELECT login_id, secret, customer_id, status FROM finsify_login"))
                .containsExactly(Arrays.asList("42", null, null, "login_wrong_credentials"));
        JdbcLoginDirectory directory = new JdbcLoginDirectory(db.dataSource(), JdbcLoginDirectory.newSecretKey());
        directory.start();
        assertThat(directory.loginIds(0, 10)).isEmpty();
        assertThat(directory.size()).isZero();
        assertThat(directory.secretOf(42)).isNull();
    }

    @Test
    void sharesTheDirectorysRowOfALogin() {
        JdbcLoginDirectory directory = new JdbcLoginDirectory(db.dataSource(), JdbcLoginDirectory.newSecretKey());
        directory.start();
        directory.save(new DirectoryLogin(42, SECRET, "customer-1"));

        store.update(status(42, LoginStatus.WRONG_CREDENTIALS));
        assertThat(db.value("SELECT COUNT(*) FROM finsify_login")).isEqualTo("1");

        directory.save(new DirectoryLogin(42, SECRET, "customer-1")); // a reconnect: the status is the store's
        assertThat(store.needingUser(42)).isNotNull();

        store.clear(42);
        assertThat(directory.secretOf(42)).isEqualTo(SECRET);
        assertThat(db.value("SELECT customer_id FROM finsify_login WHERE login_id = 42")).isEqualTo("customer-1");
    }

    @Test
    void aLoginRemovedFromTheDirectoryKeepsItsStatusUntilCleared() {
        JdbcLoginDirectory directory = new JdbcLoginDirectory(db.dataSource(), JdbcLoginDirectory.newSecretKey());
        directory.start();
        directory.save(new DirectoryLogin(42, SECRET, "customer-1"));
        store.update(status(42, LoginStatus.ACCOUNT_LOCKED));

        directory.remove(42);

        assertThat(store.needingUser(42)).isEqualTo(status(42, LoginStatus.ACCOUNT_LOCKED));
        assertThat(db.rows("SELECT secret, customer_id FROM finsify_login"))
                .containsExactly(Arrays.asList(null, null));

        store.clear(42);
        assertThat(db.value("SELECT COUNT(*) FROM finsify_login")).isEqualTo("0");
    }

    @Test
    void refusesATableNameThatIsNotOne() {
        assertThatThrownBy(() -> store.setTable("status; DROP TABLE x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Not a table name");
    }

    @Test
    void refusesToStartWithoutADataSource() {
        assertThatThrownBy(() -> new JdbcLoginStatusStore().start()).hasMessageContaining("DataSource");
    }

    @Test
    void namesItsTableInToString() {
        assertThat(store).hasToString("JdbcLoginStatusStore[finsify_login]");
        assertThat(store.getTable()).isEqualTo(JdbcLoginStatusStore.DEFAULT_TABLE);
    }
}
