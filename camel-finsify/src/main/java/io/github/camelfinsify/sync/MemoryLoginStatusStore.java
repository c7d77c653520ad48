package io.github.camelfinsify.sync;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.camelfinsify.model.LoginStatusEvent;

/**
 * A {@link LoginStatusStore} in this JVM's memory: the default, right for one instance.
 */
public final class MemoryLoginStatusStore implements LoginStatusStore {

    private final Map<Long, LoginStatusEvent> needingUser = new ConcurrentHashMap<>();

    @Override
    public void update(LoginStatusEvent event) {
        if (event.requiresUserAction()) {
            needingUser.put(event.loginId(), event);
        } else {
            needingUser.remove(event.loginId());
        }
    }

    @Override
    public void clear(long loginId) {
        needingUser.remove(loginId);
    }

    @Override
    public LoginStatusEvent needingUser(long loginId) {
        return needingUser.get(loginId);
    }

    @Override
    public long countNeedingUser() {
        return needingUser.size();
    }

    @Override
    public String toString() {
        return "MemoryLoginStatusStore[" + needingUser.size() + " logins need their user]";
    }
}
