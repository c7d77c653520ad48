package io.github.camelfinsify;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.camelfinsify.model.LoginStatusEvent;

/**
 * The logins known (from login-status webhooks) to need their user, until a connect callback or new data shows the
 * login works again. Consumers of the component consult it, so their health checks can say why a login is stuck.
 */
final class LoginStatusRegistry {

    private final Map<Long, LoginStatusEvent> needingUser = new ConcurrentHashMap<>();

    void update(LoginStatusEvent event) {
        if (event.requiresUserAction()) {
            needingUser.put(event.loginId(), event);
        }
    }

    void clear(long loginId) {
        needingUser.remove(loginId);
    }

    /** Throws if the login is known to need its user. */
    void checkUsable(long loginId) {
        LoginStatusEvent event = needingUser.get(loginId);
        if (event != null) {
            throw new FinsifyLoginActionRequiredException(loginId, event.status(), event.rawStatus());
        }
    }
}
