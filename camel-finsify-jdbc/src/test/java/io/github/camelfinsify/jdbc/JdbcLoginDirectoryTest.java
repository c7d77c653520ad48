package io.github.camelfinsify.jdbc;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import io.github.camelfinsify.sync.DirectoryLogin;
import io.github.camelfinsify.sync.ListedLogin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

@ParameterizedClass(name = "{0}")
@EnumSource(Database.class)
class JdbcLoginDirectoryTest {

    private static final String SECRET = "login-secret-7f3a9c2e41d8b6a0";
    private static final String OTHER_SECRET = "login-secret-0b1c2d3e4f506172";

    @Parameter
    Database database;

    private TestDatabase db;
    private String key;
    private JdbcLoginDirectory directory;

    @BeforeEach
    void open() {
        db = database.open();
        key = JdbcLoginDirectory.newSecretKey();
        directory = started(key);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private JdbcLoginDirectory started(String secretKey) {
        JdbcLoginDirectory started = new JdbcLoginDirectory(db.dataSource(), secretKey);
        started.start();
        return started;
    }

    @Test
    void resolvesTheSecretItSaved() {
        directory.save(new DirectoryLogin(42, SECRET, "customer-1"));

        assertThat(directory.secretOf(42)).isEqualTo(SECRET);
        assertThat(db.value("SELECT customer_id FROM finsify_login WHERE login_id = 42")).isEqualTo("customer-1");
        assertThat(db.value("SELECT updated_at FROM finsify_login WHERE login_id = 42")).isNotNull();
    }

    @Test
    void anotherInstanceWithTheSameKeyReadsTheSameSecrets() {
        directory.save(new DirectoryLogin(42, SECRET, null));

        assertThat(started(key).secretOf(42)).isEqualTo(SECRET);
    }

    @Test
    void aLoginItDoesNotKnowHasNoSecret() {
        assertThat(directory.secretOf(42)).isNull();
    }

    @Test
    void savingAgainReplacesTheSecretAndTheCustomer() {
        directory.save(new DirectoryLogin(42, SECRET, "customer-1"));
        directory.save(new DirectoryLogin(42, OTHER_SECRET, "customer-2"));

        assertThat(directory.secretOf(42)).isEqualTo(OTHER_SECRET);
        assertThat(db.rows("SELECT customer_id FROM finsify_login")).containsExactly(List.of("customer-2"));
    }

    @Test
    void replicasSavingOneLoginAtOnceLeaveOneRow() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> saves = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                JdbcLoginDirectory replica = started(key);
                String customer = "customer-" + i;
                saves.add(pool.submit(() -> {
                    go.await();
                    for (long login = 1; login <= 50; login++) {
                        replica.save(new DirectoryLogin(login, SECRET, customer));
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> save : saves) {
                save.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(db.value("SELECT COUNT(*) FROM finsify_login")).isEqualTo("50");
        assertThat(directory.secretOf(50)).isEqualTo(SECRET);
    }

    @Test
    void theSecretIsNeverReadableInTheTable() {
        directory.save(new DirectoryLogin(42, SECRET, "customer-1"));

        List<List<String>> rows = db.rows("SELECT * FROM finsify_login");
        String stored = db.value("SELECT secret FROM finsify_login WHERE login_id = 42");
        assertThat(rows.toString()).doesNotContain(SECRET)
                .doesNotContain(Base64.getEncoder().encodeToString(SECRET.getBytes()));
        assertThat(stored).isNotBlank().doesNotContain(SECRET);
    }

    @Test
    void theSameSecretIsStoredDifferentlyEachTime() {
        directory.save(new DirectoryLogin(1, SECRET, null));
        directory.save(new DirectoryLogin(2, SECRET, null));
        String first = db.value("SELECT secret FROM finsify_login WHERE login_id = 1");
        directory.save(new DirectoryLogin(1, SECRET, null));

        assertThat(db.value("SELECT secret FROM finsify_login WHERE login_id = 2")).isNotEqualTo(first);
        assertThat(db.value("SELECT secret FROM finsify_login WHERE login_id = 1")).isNotEqualTo(first);
    }

    @Test
    void aWrongKeyFailsNamingTheLoginButNeitherTheSecretNorAKey() {
        directory.save(new DirectoryLogin(42, SECRET, null));
        String wrongKey = JdbcLoginDirectory.newSecretKey();

        Throwable failure = catchThrowable(() -> started(wrongKey).secretOf(42));

        assertThat(failure).isInstanceOf(LoginSecretDecryptionException.class)
                .hasMessageContaining("login 42")
                .hasMessageContaining("key");
        assertThat(((LoginSecretDecryptionException) failure).getLoginId()).isEqualTo(42);
        assertThat(everything(failure)).doesNotContain(SECRET).doesNotContain(key).doesNotContain(wrongKey)
                .doesNotContain(db.value("SELECT secret FROM finsify_login WHERE login_id = 42"));
    }

    @Test
    void aChangedValueFailsToDecrypt() {
        directory.save(new DirectoryLogin(42, SECRET, null));
        String stored = db.value("SELECT secret FROM finsify_login WHERE login_id = 42");
        byte[] bytes = Base64.getDecoder().decode(stored);
        bytes[bytes.length - 20] ^= 1; // one bit of the ciphertext
        db.update("UPDATE finsify_login SET secret = ? WHERE login_id = 42", Base64.getEncoder().encodeToString(bytes));

        Throwable failure = catchThrowable(() -> directory.secretOf(42));

        assertThat(failure).isInstanceOf(LoginSecretDecryptionException.class).hasMessageContaining("login 42");
        assertThat(everything(failure)).doesNotContain(SECRET).doesNotContain(stored);
    }

    @Test
    void aValueThatIsNotAnEncryptedOneFailsToDecrypt() {
        directory.save(new DirectoryLogin(42, SECRET, null));
        db.update("UPDATE finsify_login SET secret = ? WHERE login_id = 42", SECRET);

        Throwable failure = catchThrowable(() -> directory.secretOf(42));

        assertThat(failure).isInstanceOf(LoginSecretDecryptionException.class).hasMessageContaining("login 42");
        assertThat(everything(failure)).doesNotContain(SECRET);
    }

    @Test
    void aValueCopiedToAnotherLoginFailsToDecrypt() {
        directory.save(new DirectoryLogin(1, SECRET, null));
        directory.save(new DirectoryLogin(2, OTHER_SECRET, null));
        db.update("UPDATE finsify_login SET secret = (SELECT secret FROM finsify_login WHERE login_id = 1)"
                  + " WHERE login_id = 2");

        assertThatThrownBy(() -> directory.secretOf(2)).isInstanceOf(LoginSecretDecryptionException.class)
                .hasMessageContaining("login 2");
        assertThat(directory.secretOf(1)).isEqualTo(SECRET);
    }

    @Test
    void pagesThroughTwoAndAHalfThousandLoginsInOrderEachOnce() {
        List<Long> ids = new ArrayList<>(LongStream.rangeClosed(1, 2_500).map(i -> i * 7 + 1_000_000).boxed().toList());
        Collections.shuffle(ids, new Random(13));
        for (long id : ids) {
            directory.save(new DirectoryLogin(id, SECRET + id, null));
        }

        List<Long> listed = new ArrayList<>();
        long after = Long.MIN_VALUE;
        for (List<Long> page = directory.loginIds(after, 100); !page.isEmpty(); page = directory.loginIds(after, 100)) {
            assertThat(page).hasSizeLessThanOrEqualTo(100);
            listed.addAll(page);
            after = page.get(page.size() - 1);
        }

        assertThat(listed).hasSize(2_500).isSorted().doesNotHaveDuplicates()
                .containsExactlyElementsOf(ids.stream().sorted().toList());
        assertThat(directory.size()).isEqualTo(2_500);
    }

    @Test
    void aPageStartsAfterTheGivenLogin() {
        for (long id : List.of(10L, 20L, 30L, 40L)) {
            directory.save(new DirectoryLogin(id, SECRET, null));
        }

        assertThat(directory.loginIds(20, 10)).containsExactly(30L, 40L);
        assertThat(directory.loginIds(0, 2)).containsExactly(10L, 20L);
        assertThat(directory.loginIds(40, 10)).isEmpty();
    }

    @Test
    void loginsAreCommittedWhenThePoolTurnsAutoCommitOff() {
        try (TestDatabase manual = database.open(pool -> pool.setAutoCommit(false))) {
            JdbcLoginDirectory book = new JdbcLoginDirectory(manual.dataSource(), key);
            book.start();
            book.save(new DirectoryLogin(1, SECRET, null));
            book.save(new DirectoryLogin(2, OTHER_SECRET, null));
            book.remove(2);

            assertThat(book.listLogins(0, 10)).extracting(ListedLogin::loginId).containsExactly(1L);
            assertThat(book.secretOf(1)).isEqualTo(SECRET);
        }
    }

    @Test
    void aListedPageGivesEachLoginsSecretInIdOrder() {
        for (long id : List.of(30L, 10L, 40L, 20L)) {
            directory.save(new DirectoryLogin(id, SECRET + id, null));
        }

        List<ListedLogin> page = directory.listLogins(10, 2);

        assertThat(page).extracting(ListedLogin::loginId).containsExactly(20L, 30L);
        assertThat(page).extracting(ListedLogin::secret).containsExactly(SECRET + 20, SECRET + 30);
        assertThat(directory.listLogins(40, 10)).isEmpty();
    }

    @Test
    void aListedPageHoldsTheSecretsItReadAndDecryptsThemWhenAsked() {
        directory.save(new DirectoryLogin(1, SECRET, null));
        directory.save(new DirectoryLogin(2, OTHER_SECRET, null));
        List<ListedLogin> page = directory.listLogins(0, 10);

        directory.remove(1); // the page holds what the query read; no second query is made for a secret

        assertThat(page).extracting(ListedLogin::secret).containsExactly(SECRET, OTHER_SECRET);
    }

    @Test
    void aSecretOfAListedPageThatCannotBeDecryptedFailsOnlyItsOwnLogin() {
        directory.save(new DirectoryLogin(1, SECRET, null));
        directory.save(new DirectoryLogin(2, OTHER_SECRET, null));
        db.update("UPDATE finsify_login SET secret = ? WHERE login_id = 1", SECRET);

        List<ListedLogin> page = directory.listLogins(0, 10);

        assertThat(page).extracting(ListedLogin::loginId).containsExactly(1L, 2L);
        Throwable failure = catchThrowable(page.get(0)::secret);
        assertThat(failure).isInstanceOf(LoginSecretDecryptionException.class).hasMessageContaining("login 1");
        assertThat(everything(failure)).doesNotContain(SECRET);
        assertThat(page.get(1).secret()).isEqualTo(OTHER_SECRET);
    }

    @Test
    void aListedLoginShowsNoSecretInToString() {
        directory.save(new DirectoryLogin(42, SECRET, null));

        ListedLogin listed = directory.listLogins(0, 1).get(0);

        assertThat(listed.toString()).isEqualTo("ListedLogin[loginId=42]");
    }

    @Test
    void refusesAListedPageOfNoLogins() {
        assertThatThrownBy(() -> directory.listLogins(0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("page size");
    }

    @Test
    void refusesAPageOfNoLogins() {
        assertThatThrownBy(() -> directory.loginIds(0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("page size");
    }

    @Test
    void aRemovedLoginIsForgotten() {
        directory.save(new DirectoryLogin(1, SECRET, null));
        directory.save(new DirectoryLogin(2, OTHER_SECRET, null));

        directory.remove(1);
        directory.remove(99); // unknown: nothing happens

        assertThat(directory.secretOf(1)).isNull();
        assertThat(directory.loginIds(0, 10)).containsExactly(2L);
        assertThat(directory.size()).isEqualTo(1);
        assertThat(db.value("SELECT COUNT(*) FROM finsify_login")).isEqualTo("1");
    }

    @Test
    void refusesAKeyThatIsNotBase64WithoutQuotingIt() {
        String notBase64 = "this-is-not-base64-#" + key;

        Throwable failure = catchThrowable(() -> new JdbcLoginDirectory(db.dataSource(), notBase64));

        assertThat(failure).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not Base64");
        assertThat(everything(failure)).doesNotContain(notBase64).doesNotContain("#");
    }

    @Test
    void refusesAKeyThatIsNot256Bits() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);

        assertThatThrownBy(() -> new JdbcLoginDirectory(db.dataSource(), shortKey))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 bytes").hasMessageContaining("16 bytes")
                .hasMessageNotContaining(shortKey);
    }

    @Test
    void refusesToStartWithoutAKey() {
        JdbcLoginDirectory withoutKey = new JdbcLoginDirectory();
        withoutKey.setDataSource(db.dataSource());

        assertThatThrownBy(withoutKey::start).hasMessageContaining("secretKey");
    }

    @Test
    void newKeysAreRandom256BitKeys() {
        String other = JdbcLoginDirectory.newSecretKey();

        assertThat(Base64.getDecoder().decode(key)).hasSize(32);
        assertThat(other).isNotEqualTo(key);
    }

    @Test
    void refusesASecretTooLongForTheColumnWithoutQuotingIt() {
        String longSecret = "s".repeat(LoginTable.MAX_SECRET_BYTES + 1);

        assertThatThrownBy(() -> directory.save(new DirectoryLogin(42, longSecret, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("login 42").hasMessageNotContaining(longSecret);
    }

    @Test
    void aSecretAsLongAsAllowedFitsTheColumn() {
        String longest = "é".repeat(LoginTable.MAX_SECRET_BYTES / 2);
        directory.save(new DirectoryLogin(42, longest, null));

        assertThat(directory.secretOf(42)).isEqualTo(longest);
    }

    @Test
    void showsNeitherKeyNorSecretInToString() {
        directory.save(new DirectoryLogin(42, SECRET, null));

        assertThat(directory.toString()).isEqualTo("JdbcLoginDirectory[finsify_login]").doesNotContain(key);
    }

    @Test
    void usesTheTableItIsGiven() {
        JdbcLoginDirectory named = new JdbcLoginDirectory(db.dataSource(), key);
        named.setTable("partner_logins");
        named.start();
        named.save(new DirectoryLogin(42, SECRET, null));

        assertThat(db.value("SELECT COUNT(*) FROM partner_logins")).isEqualTo("1");
        assertThat(directory.size()).isZero();
    }

    @Test
    void refusesATableNameThatIsNotOne() {
        assertThatThrownBy(() -> directory.setTable("logins; DROP TABLE x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Not a table name");
    }

    /** A throwable's messages and those of its causes, as a log line would show them. */
    static String everything(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            text.append(t).append('\n');
            for (Throwable suppressed : t.getSuppressed()) {
                text.append(suppressed).append('\n');
            }
        }
        return text.toString();
    }
}
