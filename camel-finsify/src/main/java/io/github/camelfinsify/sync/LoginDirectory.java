package io.github.camelfinsify.sync;

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

    /** The login's secret, or {@code null} if the directory does not know the login. */
    String secretOf(long loginId);

    /** Adds a login, or replaces its secret and customer (after a connect or a reconnect). */
    void save(DirectoryLogin login);

    /** Forgets a login; nothing happens if it is unknown. */
    void remove(long loginId);

    /** How many logins the directory holds. */
    long size();
}
