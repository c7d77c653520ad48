package io.github.camelfinsify.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.function.Consumer;

import javax.net.ssl.SSLContext;

import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;

/**
 * What a {@link FinsifyClient} needs: where the API is, who the partner is and how patient to be. Exactly one of
 * {@code serviceSecret} and {@code appSecret} is set. {@code toString()} shows no secret.
 */
public record FinsifyClientConfig(
        String baseUrl,
        String servicesUrl,
        String clientId,
        String serviceSecret,
        String appSecret,
        Duration connectTimeout,
        Duration responseTimeout,
        int maxRetries,
        Duration retryDelay,
        Duration servicesCacheTtl,
        SSLContext sslContext,
        Consumer<HttpClientBuilder> httpClientCustomizer,
        FinsifyCallListener callListener) {

    public static final String DEFAULT_BASE_URL = "https://api.finsify.com/v2";
    public static final String DEFAULT_SERVICES_URL = "https://assets.finsify.com/service.json";

    public FinsifyClientConfig {
        requireText(baseUrl, "baseUrl");
        requireText(clientId, "clientId");
        boolean service = serviceSecret != null && !serviceSecret.isEmpty();
        boolean app = appSecret != null && !appSecret.isEmpty();
        if (service == app) {
            throw new IllegalArgumentException(service
                    ? "Set only one of serviceSecret (web services) and appSecret (mobile apps), not both"
                    : "One of serviceSecret (web services) or appSecret (mobile apps) must be set");
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be 0 or more, was " + maxRetries);
        }
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        requireHttpUrl(baseUrl, "baseUrl");
        servicesUrl = servicesUrl == null ? DEFAULT_SERVICES_URL : servicesUrl;
        connectTimeout = positive(connectTimeout, Duration.ofSeconds(10), "connectTimeout");
        responseTimeout = positive(responseTimeout, Duration.ofSeconds(30), "responseTimeout");
        retryDelay = retryDelay == null ? Duration.ofMillis(500) : retryDelay;
        servicesCacheTtl = servicesCacheTtl == null ? Duration.ofHours(1) : servicesCacheTtl;
        callListener = callListener == null ? FinsifyCallListener.NONE : callListener;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The secret header name and value this partner authenticates with. */
    String secretHeaderName() {
        return serviceSecret != null && !serviceSecret.isEmpty() ? "service-secret" : "app-secret";
    }

    String secretHeaderValue() {
        return serviceSecret != null && !serviceSecret.isEmpty() ? serviceSecret : appSecret;
    }

    @Override
    public String toString() {
        return "FinsifyClientConfig[baseUrl=" + baseUrl + ", servicesUrl=" + servicesUrl + ", clientId=" + clientId
               + ", auth=" + secretHeaderName() + ", connectTimeout=" + connectTimeout + ", responseTimeout="
               + responseTimeout + ", maxRetries=" + maxRetries + ", retryDelay=" + retryDelay + "]";
    }

    static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must be set");
        }
    }

    private static void requireHttpUrl(String value, String name) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null
            || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
            throw new IllegalArgumentException(name + " must be an absolute http or https URL, was " + value);
        }
    }

    private static Duration positive(Duration value, Duration fallback, String name) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        return value;
    }

    /** Builds a config; unset durations take the defaults of the component. */
    public static final class Builder {
        private String baseUrl = DEFAULT_BASE_URL;
        private String servicesUrl = DEFAULT_SERVICES_URL;
        private String clientId;
        private String serviceSecret;
        private String appSecret;
        private Duration connectTimeout;
        private Duration responseTimeout;
        private int maxRetries = 2;
        private Duration retryDelay;
        private Duration servicesCacheTtl;
        private SSLContext sslContext;
        private Consumer<HttpClientBuilder> httpClientCustomizer;
        private FinsifyCallListener callListener;

        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        public Builder servicesUrl(String servicesUrl) {
            this.servicesUrl = servicesUrl;
            return this;
        }

        public Builder clientId(String clientId) {
            this.clientId = clientId;
            return this;
        }

        public Builder serviceSecret(String serviceSecret) {
            this.serviceSecret = serviceSecret;
            return this;
        }

        public Builder appSecret(String appSecret) {
            this.appSecret = appSecret;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder responseTimeout(Duration responseTimeout) {
            this.responseTimeout = responseTimeout;
            return this;
        }

        public Builder maxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
            return this;
        }

        public Builder retryDelay(Duration retryDelay) {
            this.retryDelay = retryDelay;
            return this;
        }

        public Builder servicesCacheTtl(Duration servicesCacheTtl) {
            this.servicesCacheTtl = servicesCacheTtl;
            return this;
        }

        public Builder sslContext(SSLContext sslContext) {
            this.sslContext = sslContext;
            return this;
        }

        public Builder httpClientCustomizer(Consumer<HttpClientBuilder> httpClientCustomizer) {
            this.httpClientCustomizer = httpClientCustomizer;
            return this;
        }

        /** Hears every call and retry (default: none). */
        public Builder callListener(FinsifyCallListener callListener) {
            this.callListener = callListener;
            return this;
        }

        public FinsifyClientConfig build() {
            return new FinsifyClientConfig(baseUrl, servicesUrl, clientId, serviceSecret, appSecret, connectTimeout,
                    responseTimeout, maxRetries, retryDelay, servicesCacheTtl, sslContext, httpClientCustomizer,
                    callListener);
        }
    }
}
