package io.github.camelfinsify.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A {@link LoginDirectory} in memory, for one JVM that learns its logins at start-up or from connect callbacks.
 */
public final class MemoryLoginDirectory implements LoginDirectory {

    private final ConcurrentNavigableMap<Long, DirectoryLogin> logins = new ConcurrentSkipListMap<>();

    @Override
    public List<Long> loginIds(long afterLoginId, int limit) {
        List<Long> ids = new ArrayList<>(Math.min(limit, 1024));
        for (Long id : logins.tailMap(afterLoginId, false).keySet()) {
            if (ids.size() == limit) {
                break;
            }
            ids.add(id);
        }
        return ids;
    }

    @Override
    public String secretOf(long loginId) {
        DirectoryLogin login = logins.get(loginId);
        return login == null ? null : login.secret();
    }

    @Override
    public void save(DirectoryLogin login) {
        logins.put(login.loginId(), login);
    }

    @Override
    public void remove(long loginId) {
        logins.remove(loginId);
    }

    @Override
    public long size() {
        return logins.size();
    }

    @Override
    public String toString() {
        return "MemoryLoginDirectory[" + logins.size() + " logins]";
    }
}
