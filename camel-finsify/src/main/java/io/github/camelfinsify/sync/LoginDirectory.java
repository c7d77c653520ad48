package io.github.camelfinsify.sync;

import java.util.ArrayList;
import java.util.List;

/**
 * The book of logins a partner keeps in sync: which logins there are, and each one's secret. The multi-login
 * {@code finsify:transactions} consumer pages through it (ids only: a book of 100,000 logins is never in memory with
 * its secrets), and the webhook consumer resolves the secret of the login an event names.
 * <p>
 * Implementations are thread-safe and never show a secret in {@code toString()} or a log line.
 */
public interface LoginDirectory {

    /** The ids of at most {@code limit} logins whose id is greater than {@code afterLoginId}, ascending. */
    List<Long> loginIds(long afterLoginId, int limit);

    /**
     * At most {@code limit} logins whose id is greater than {@code afterLoginId}, ascending, each of which gives its
     * secret without another round trip where the directory can read it with the page. The sweep reads its pages with
     * this. The default lists {@link #loginIds} and asks {@link #secretOf} when a login's secret is wanted; a directory
     * that reads the secrets with the ids (the JDBC one: one query per page) overrides it, and then the page's secret
     * is the one stored when the page was read.
     */
    default List<ListedLogin> listLogins(long afterLoginId, int limit) {
        List<Long> ids = loginIds(afterLoginId, limit);
        List<ListedLogin> logins = new ArrayList<>(ids.size());
        for (long id : ids) {
            logins.add(ListedLogin.of(id, () -> secretOf(id)));
        }
        return logins;
    }

    /**
     * The login's secret, or {@code null} if the directory does not know the login. It may throw when the stored
     * secret cannot be read (a wrong key): the consumers count that against this login only.
     */
    String secretOf(long loginId);

    /** Adds a login, or replaces its secret and customer (after a connect or a reconnect). */
    void save(DirectoryLogin login);

    /** Forgets a login; nothing happens if it is unknown. */
    void remove(long loginId);

    /** How many logins the directory holds. */
    long size();
}
