package io.github.camelfinsify.sync;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-memory directory, and the listing every directory gets by default: ids from {@code loginIds}, each secret from
 * {@code secretOf} when the sync asks for it.
 */
class MemoryLoginDirectoryTest {

    private static final String SECRET = "login-secret-7f3a9c2e41d8b6a0";

    private final MemoryLoginDirectory directory = new MemoryLoginDirectory();

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
    void aLoginRemovedAfterItsPageWasListedHasNoSecret() {
        directory.save(new DirectoryLogin(1, SECRET, null));
        directory.save(new DirectoryLogin(2, SECRET, null));
        List<ListedLogin> page = directory.listLogins(0, 10);

        directory.remove(1);

        assertThat(page.get(0).secret()).isNull();
        assertThat(page.get(1).secret()).isEqualTo(SECRET);
    }

    @Test
    void aLoginGivenANewSecretAfterItsPageWasListedGivesTheNewOne() {
        directory.save(new DirectoryLogin(1, SECRET, null));
        List<ListedLogin> page = directory.listLogins(0, 10);

        directory.save(new DirectoryLogin(1, SECRET + "-reconnected", null));

        assertThat(page.get(0).secret()).isEqualTo(SECRET + "-reconnected");
    }

    @Test
    void aListedLoginShowsNoSecretInToString() {
        directory.save(new DirectoryLogin(42, SECRET, null));

        assertThat(directory.listLogins(0, 1).get(0).toString()).isEqualTo("ListedLogin[loginId=42]")
                .doesNotContain(SECRET);
    }
}
