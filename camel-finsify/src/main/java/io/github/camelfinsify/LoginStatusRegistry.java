package io.github.camelfinsify;

import io.github.camelfinsify.model.LoginStatusEvent;
import io.github.camelfinsify.sync.LoginStatusStore;

/**
 * The component's view of its {@link LoginStatusStore}: what the webhook and connect consumers learn there, the
 * sync consumers obey, and their health checks can say why a login is stuck.
 */
final class LoginStatusRegistry {

    private final LoginStatusStore store;

    LoginStatusRegistry(LoginStatusStore store) {
        this.store = store;
    }

    void update(LoginStatusEvent event) {
        store.update(event);
    }

    void clear(long loginId) {
        store.clear(loginId);
    }

    /** The status that stops the login, or {@code null}. */
    LoginStatusEvent needingUser(long loginId) {
        return store.needingUser(loginId);
    }

    /** Throws if the login is known to need its user. */
    void checkUsable(long loginId) {
        LoginStatusEvent event = store.needingUser(loginId);
        if (event != null) {
            throw new FinsifyLoginActionRequiredException(loginId, event.status(), event.rawStatus());
        }
    }

    long countNeedingUser() {
        return store.countNeedingUser();
    }
}
