package io.github.camelfinsify.examples.banksync;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.camelfinsify.FinsifyLoginSecretResolver;
import io.github.camelfinsify.model.ConnectResult;

/**
 * Bean {@code bankSyncSecrets}: keeps the login secrets the connect callback delivered (in memory: a real application
 * keeps them encrypted in its database), and resolves them for the webhook consumer.
 */
public final class LoginSecretStore implements FinsifyLoginSecretResolver {

    private final Map<Long, String> secrets = new ConcurrentHashMap<>();
    private final CompletableFuture<ConnectResult> firstConnect = new CompletableFuture<>();

    /** The connect route calls this with the callback's {@link ConnectResult}. */
    public void save(ConnectResult result) {
        if (result.isSuccess() && result.loginId() != null && result.secret() != null) {
            secrets.put(result.loginId(), result.secret());
            firstConnect.complete(result);
        } else {
            firstConnect.completeExceptionally(new IllegalStateException(
                    "The bank was not connected: Finsify answered " + result.status()));
        }
    }

    /** Remembers a secret known from elsewhere (e.g. {@code FINSIFY_LOGIN_SECRET}). */
    public void put(long loginId, String secret) {
        secrets.put(loginId, secret);
    }

    @Override
    public String resolve(long loginId) {
        return secrets.get(loginId);
    }

    /** Waits for the first connect callback. */
    public ConnectResult awaitConnect(Duration timeout) throws InterruptedException, TimeoutException {
        try {
            return firstConnect.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new TimeoutException("No connect callback arrived within " + timeout);
        }
    }

    @Override
    public String toString() {
        return "LoginSecretStore[" + secrets.size() + " logins]";
    }
}
