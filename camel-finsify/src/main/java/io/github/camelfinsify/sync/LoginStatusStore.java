package io.github.camelfinsify.sync;

import io.github.camelfinsify.model.LoginStatusEvent;

/**
 * The logins known to need their user (a login-status webhook said so) until a connect callback or new data shows
 * the login works again. The sync consumers skip those logins and report them; the webhook and connect consumers
 * write it. Share one store between replicas so that a status learned by any of them is obeyed by the one that syncs.
 */
public interface LoginStatusStore {

    /** Records the status of a login: one that needs the user is remembered, any other clears it. */
    void update(LoginStatusEvent event);

    /** The login works again. */
    void clear(long loginId);

    /** The status that stops the login, or {@code null} when the login is usable. */
    LoginStatusEvent needingUser(long loginId);

    /** How many logins need their user. */
    long countNeedingUser();
}
