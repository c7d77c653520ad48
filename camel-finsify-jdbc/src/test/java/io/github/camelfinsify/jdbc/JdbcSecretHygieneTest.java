package io.github.camelfinsify.jdbc;

import java.util.ArrayList;
import java.util.List;

import io.github.camelfinsify.model.LoginStatus;
import io.github.camelfinsify.model.LoginStatusEvent;
import io.github.camelfinsify.sync.DirectoryLogin;
import org.apache.camel.Service;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import static io.github.camelfinsify.jdbc.JdbcLoginDirectoryTest.everything;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Every store of this module used as a deployment uses them, with every logger at DEBUG (the pool's and the
 * drivers' included), leaves no login secret and no key in a log line, an exception or a {@code toString()}.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Database.class)
class JdbcSecretHygieneTest {

    private static final String SECRET = "login-secret-5c7e1f9a3b2d4e6f";

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    @Parameter
    Database database;

    private TestDatabase db;

    @BeforeEach
    void open() {
        db = database.open();
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void noSecretAndNoKeyIsShownAnywhere() {
        String key = JdbcLoginDirectory.newSecretKey();
        String otherKey = JdbcLoginDirectory.newSecretKey();
        JdbcLoginDirectory directory = new JdbcLoginDirectory(db.dataSource(), key);
        JdbcLoginStatusStore statuses = new JdbcLoginStatusStore(db.dataSource());
        JdbcSyncRequests requests = new JdbcSyncRequests(db.dataSource());
        JdbcStateRepository state = new JdbcStateRepository(db.dataSource());
        List<Object> stores = List.of(directory, statuses, requests, state);
        stores.forEach(store -> ((Service) store).start());

        List<String> shown = new ArrayList<>();
        directory.save(new DirectoryLogin(42, SECRET, "customer-1"));
        directory.save(new DirectoryLogin(42, SECRET, "customer-1"));
        assertThat(directory.secretOf(42)).isEqualTo(SECRET);
        statuses.update(new LoginStatusEvent(42, LoginStatus.WRONG_CREDENTIALS, "login_wrong_credentials"));
        requests.request(42, List.of(1L));
        state.setState("finsify-sync:1", "v1|abc|");
        shown.add(everything(catchThrowable(() -> new JdbcLoginDirectory(db.dataSource(), otherKey).secretOf(42))));
        shown.add(everything(catchThrowable(() -> new JdbcLoginDirectory(db.dataSource(), key + "#"))));
        shown.add(everything(catchThrowable(() -> directory.save(new DirectoryLogin(43, SECRET.repeat(200), null)))));
        directory.remove(42);
        statuses.clear(42);
        stores.forEach(store -> shown.add(store.toString()));
        stores.forEach(store -> ((Service) store).stop());
        assertThat(logs.lines()).as("DEBUG lines captured").isNotEmpty();
        shown.addAll(logs.lines());

        assertThat(shown).isNotEmpty().allSatisfy(text -> assertThat(text)
                .doesNotContain(SECRET).doesNotContain(key).doesNotContain(otherKey));
    }
}
