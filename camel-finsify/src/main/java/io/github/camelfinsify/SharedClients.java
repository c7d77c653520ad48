package io.github.camelfinsify;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import io.github.camelfinsify.client.FinsifyClient;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API clients of one component: endpoints with equal {@link Settings} share one {@link FinsifyClient}, and so one
 * connection pool and one cached service list. A client is closed when the last endpoint using it stops, and at the
 * latest with the component.
 */
final class SharedClients {

    private static final Logger LOG = LoggerFactory.getLogger(SharedClients.class);

    private final Map<Settings, Shared> clients = new HashMap<>();

    /** The client for {@code settings}; {@code create} builds it when no running endpoint uses one yet. */
    synchronized FinsifyClient acquire(Settings settings, Callable<FinsifyClient> create) throws Exception {
        Shared shared = clients.get(settings);
        if (shared == null) {
            shared = new Shared(create.call());
            clients.put(settings, shared);
        }
        shared.users++;
        return shared.client;
    }

    /** One endpoint of {@code settings} stopped: the last one closes the client. */
    synchronized void release(Settings settings) {
        Shared shared = clients.get(settings);
        if (shared != null && --shared.users == 0) {
            clients.remove(settings);
            close(shared.client);
        }
    }

    synchronized void closeAll() {
        clients.values().forEach(shared -> close(shared.client));
        clients.clear();
    }

    private static void close(FinsifyClient client) {
        try {
            client.close();
        } catch (IOException e) {
            LOG.warn("Closing a Finsify API client failed: {}", e.toString());
        }
    }

    private static final class Shared {
        private final FinsifyClient client;
        private int users;

        Shared(FinsifyClient client) {
            this.client = client;
        }
    }

    /**
     * Everything a {@link FinsifyClient} is built from. TLS parameters, the configurer and a supplied HTTP client count
     * by identity. {@code toString()} shows no secret.
     */
    record Settings(String baseUrl, String servicesUrl, String clientId, String serviceSecret, String appSecret,
                    long connectTimeout, long responseTimeout, int maxRetries, long retryDelay, long servicesCacheTtl,
                    SSLContextParameters sslContextParameters, HttpClientConfigurer httpClientConfigurer,
                    CloseableHttpClient httpClient) {

        static Settings of(FinsifyConfiguration configuration) {
            return new Settings(configuration.getBaseUrl(), configuration.getServicesUrl(), configuration.getClientId(),
                    configuration.getServiceSecret(), configuration.getAppSecret(), configuration.getConnectTimeout(),
                    configuration.getResponseTimeout(), configuration.getMaxRetries(), configuration.getRetryDelay(),
                    configuration.getServicesCacheTtl(), configuration.getSslContextParameters(),
                    configuration.getHttpClientConfigurer(), configuration.getHttpClient());
        }

        @Override
        public String toString() {
            return "Settings[baseUrl=" + baseUrl + ", clientId=" + clientId + "]";
        }
    }
}
