package io.github.camelfinsify.examples.banksync;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.camelfinsify.FinsifyConstants;
import io.github.camelfinsify.FinsifyLoginSecretResolver;
import io.github.camelfinsify.model.ConnectResult;
import io.github.camelfinsify.sync.DirectoryLogin;
import io.github.camelfinsify.sync.LoginDirectory;
import io.github.camelfinsify.sync.MemoryLoginDirectory;
import org.apache.camel.Header;

/**
 * Bean {@code bankSyncSecrets}: files the logins the connect callback delivered in a {@link LoginDirectory} (in memory
 * here: a real application uses camel-finsify-jdbc's {@code JdbcLoginDirectory}, which keeps the secrets encrypted in
 * its database), and resolves their secrets for the webhook consumer. Each connect arrives with the
 * customer its signed state names ({@code connectSigningKey}), and is filed under that customer.
 */
public final class LoginSecretStore implements FinsifyLoginSecretResolver {

    private final LoginDirectory directory = new MemoryLoginDirectory();
    private final Map<String, CompletableFuture<ConnectResult>> connects = new ConcurrentHashMap<>();

    /**
     * The connect route calls this with the callback's {@link ConnectResult} and the customer whose token started the
     * connect, which finsify:connect read from the callback's signed state.
     */
    public void save(ConnectResult result, @Header(FinsifyConstants.CUSTOMER_ID) String customerId) {
        if (customerId == null) {
            // only a connect consumer without connectSigningKey delivers a result that names no customer
            throw new IllegalStateException("A connect result without a customer: set connectSigningKey");
        }
        CompletableFuture<ConnectResult> connect = connectOf(customerId);
        if (result.isSuccess()) {
            directory.save(DirectoryLogin.fromConnect(result, customerId));
            connect.complete(result);
        } else {
            connect.completeExceptionally(new IllegalStateException(
                    "The bank was not connected: Finsify answered " + result.status()));
        }
    }

    /** Remembers a secret known from elsewhere (e.g. {@code FINSIFY_LOGIN_SECRET}). */
    public void put(long loginId, String secret) {
        directory.save(new DirectoryLogin(loginId, secret, null));
    }

    @Override
    public String resolve(long loginId) {
        return directory.secretOf(loginId);
    }

    /** Waits for the connect callback of the customer. */
    public ConnectResult awaitConnect(String customerId, Duration timeout)
            throws InterruptedException, TimeoutException {
        try {
            return connectOf(customerId).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new TimeoutException("No connect callback for customer " + customerId + " arrived within " + timeout);
        }
    }

    private CompletableFuture<ConnectResult> connectOf(String customerId) {
        return connects.computeIfAbsent(customerId, id -> new CompletableFuture<>());
    }

    @Override
    public String toString() {
        return "LoginSecretStore[" + directory.size() + " logins]";
    }
}
