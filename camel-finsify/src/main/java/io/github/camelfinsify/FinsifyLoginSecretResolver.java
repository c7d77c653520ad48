package io.github.camelfinsify;

/**
 * Finds the secret of a login from its id, so a webhook consumer can fetch the transactions a webhook announces
 * without the route handling secrets. Typically backed by the store where the connect callback's secrets were put.
 */
@FunctionalInterface
public interface FinsifyLoginSecretResolver {

    /** The secret of the login, or {@code null} if this login is unknown. */
    String resolve(long loginId);
}
