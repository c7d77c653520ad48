package io.github.camelfinsify.sandbox;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.BindException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A stateful simulator of the Finsify v2 API on WireMock: customers, tokens, the connect page, logins,
 * accounts, transactions, refresh and activation, webhooks, fault injection and an admin API.
 *
 * <pre>{@code
 * try (FinsifySandbox sandbox = FinsifySandbox.builder().port(0).build().start()) {
 *     SandboxLogin login = sandbox.connectLogin("user_good");
 *     String base = sandbox.baseUrl();   // http://localhost:PORT/v2
 * }
 * }</pre>
 *
 * <p>Everything is in memory and deterministic from the seed: the same seed and the same calls give the
 * same ids and transactions (secrets, customer ids, token ids and webhook reference ids are random).
 *
 * <p>It listens on loopback ({@code 127.0.0.1}) unless {@link Builder#host(String)} says otherwise. Its admin API
 * ({@code /sandbox/...}) is open on loopback and needs {@code Authorization: Bearer <admin token>} when an
 * {@link Builder#adminToken(String) admin token} is set, which it always is off loopback. WireMock's own admin
 * API ({@code /__admin}) is refused unless {@link Builder#wireMockAdmin(boolean)} switches it on.
 */
public final class FinsifySandbox implements AutoCloseable {

    public static final String DEFAULT_CLIENT_ID = "sandbox-client-id";
    public static final String DEFAULT_SERVICE_SECRET = "sandbox-service-secret";
    public static final String DEFAULT_APP_SECRET = "sandbox-app-secret";
    /** Where the sandbox listens unless told otherwise: loopback only. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** The password that the magic usernames need on the connect page. */
    public static final String PASSWORD = SandboxEngine.PASSWORD;
    /** How a start failure on a taken port ends its message (the launcher adds what to do about it). */
    static final String PORT_IN_USE = "the port is in use";

    private final Builder settings;
    private final SandboxTransformer transformer = new SandboxTransformer();
    private final WebhookSender webhooks;
    private final SandboxEngine engine;
    private final AdminAccess adminAccess;
    private WireMockServer server;

    private FinsifySandbox(Builder settings) {
        this.settings = settings;
        this.adminAccess = new AdminAccess(settings.adminToken);
        this.webhooks = new WebhookSender(settings.webhookUrl, settings.webhookToken, settings.webhookMaxAttempts,
                settings.webhookRetryDelay, settings.clock);
        this.engine = new SandboxEngine(new SandboxEngine.Config(settings.clientId, settings.serviceSecret,
                settings.appSecret, settings.seed, settings.tokenTtl, settings.manyTransactions,
                settings.refreshCooldown, settings.clock, adminAccess), webhooks::send);
        this.transformer.engine(engine);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts the HTTP server; returns this sandbox. */
    public synchronized FinsifySandbox start() {
        if (server != null) {
            return this;
        }
        WireMockServer wireMock = new WireMockServer(options()
                .bindAddress(settings.host)
                .port(settings.port)
                // WireMock's 3 acceptor threads, but never more than Jetty accepts without a warning
                .jettyAcceptors(Math.min(3, Runtime.getRuntime().availableProcessors()))
                .disableRequestJournal()
                // WireMock copies up to this many bytes of every response into its serve event: keep it small,
                // so user_many's streamed body is never materialised
                .maxLoggedResponseSize(1024)
                .stubRequestLoggingDisabled(true)
                .gzipDisabled(true)
                .extensions(transformer, new WireMockAdminGuard(settings.wireMockAdmin, adminAccess)));
        try {
            wireMock.start();
        } catch (RuntimeException e) {
            // Jetty stops what it had started itself; stopping it again here would only fail
            throw startFailure(e);
        }
        wireMock.stubFor(any(anyUrl()).willReturn(aResponse().withTransformers(SandboxTransformer.NAME)));
        server = wireMock;
        engine.baseUrl(baseUrl());
        return this;
    }

    private IllegalStateException startFailure(RuntimeException e) {
        String where = settings.host + ":" + settings.port;
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException bind) {
                String reason = String.valueOf(bind.getMessage()).contains("in use") ? PORT_IN_USE
                        : bind.getMessage();
                return new IllegalStateException("Cannot listen on " + where + ": " + reason, e);
            }
        }
        return new IllegalStateException("The sandbox failed to start on " + where, e);
    }

    /** Stops the HTTP server and the webhook sender. */
    public synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
        webhooks.close();
    }

    @Override
    public void close() {
        stop();
    }

    public boolean isRunning() {
        return server != null && server.isRunning();
    }

    /** The port the sandbox listens on. */
    public int port() {
        WireMockServer current = server;
        if (current == null) {
            throw new IllegalStateException("The sandbox is not started");
        }
        return current.port();
    }

    /** The address it listens on, as given to {@link Builder#host(String)} ({@value #DEFAULT_HOST} by default). */
    public String host() {
        return settings.host;
    }

    /**
     * {@code http://localhost:PORT/v2}: the component's {@code baseUrl}. With {@link Builder#host(String)} set to
     * an address that {@code localhost} does not reach, that address stands in its place.
     */
    public String baseUrl() {
        return rootUrl() + "/v2";
    }

    /** {@code http://localhost:PORT/service.json}: the component's {@code servicesUrl}. */
    public String servicesUrl() {
        return rootUrl() + "/service.json";
    }

    /** {@code http://localhost:PORT/sandbox}: the root of the admin API. */
    public String adminUrl() {
        return rootUrl() + "/sandbox";
    }

    private String rootUrl() {
        return "http://" + settings.urlHost() + ":" + port();
    }

    /**
     * The token the admin APIs need as {@code Authorization: Bearer <token>}, or {@code null} when they are open
     * (on loopback without {@link Builder#adminToken(String)}). Off loopback it is generated when none was given.
     */
    public String adminToken() {
        return settings.adminToken;
    }

    /** Whether WireMock's own admin API ({@code /__admin}) is switched on. */
    public boolean wireMockAdmin() {
        return settings.wireMockAdmin;
    }

    public String clientId() {
        return settings.clientId;
    }

    public String serviceSecret() {
        return settings.serviceSecret;
    }

    public String appSecret() {
        return settings.appSecret;
    }

    public long seed() {
        return settings.seed;
    }

    /** The webhook URL events are posted to, or {@code null}. */
    public String webhookUrl() {
        return webhooks.url();
    }

    /** Sets (or with {@code null} clears) the webhook URL of the running sandbox. */
    public FinsifySandbox webhookUrl(String url) {
        webhooks.url(url);
        return this;
    }

    /** The services the sandbox serves at {@link #servicesUrl()}. */
    public List<SandboxService> services() {
        return SandboxService.CATALOGUE;
    }

    // ------------------------------------------------------------------ logins

    /**
     * Creates a customer, a token and a login for {@code username} on service 8 (Techcombank, VND) in one step,
     * as a successful connect would.
     *
     * @throws IllegalStateException naming the status when that username's connect fails
     *                               ({@code wrong_credentials}, {@code password_expired}, {@code account_locked},
     *                               or an unknown username)
     */
    public SandboxLogin connectLogin(String username) {
        return connectLogin(username, SandboxEngine.DEFAULT_SERVICE_ID, false);
    }

    /** As {@link #connectLogin(String)}, on the given service (its country sets the accounts' currency). */
    public SandboxLogin connectLogin(String username, int serviceId) {
        return connectLogin(username, serviceId, false);
    }

    /**
     * As {@link #connectLogin(String)}; with {@code failOnRefresh}, a failing username ({@code wrong_credentials},
     * {@code password_expired}, {@code account_locked}) connects with user_good's data and moves to its status at
     * its first refresh, which fires the login-status webhook.
     */
    public SandboxLogin connectLogin(String username, boolean failOnRefresh) {
        return connectLogin(username, SandboxEngine.DEFAULT_SERVICE_ID, failOnRefresh);
    }

    /** The general form of {@link #connectLogin(String)}. */
    public SandboxLogin connectLogin(String username, int serviceId, boolean failOnRefresh) {
        return engine.createLogin(username, serviceId, failOnRefresh);
    }

    /**
     * Creates {@code count} (1 to 100,000) logins for {@code username} on service 8 at once, each with its own
     * customer, numbered on from the logins before. Each has the accounts a {@link #connectLogin(String)} login
     * has; their histories are generated from the seed when read and stored only when changed, so their
     * transaction ids are {@code accountId * 10,000,000 + index} (as {@code user_many}'s).
     *
     * @throws IllegalStateException naming the status when that username's connect fails
     */
    public List<SandboxLogin> connectLogins(String username, int count) {
        return connectLogins(username, count, SandboxEngine.DEFAULT_SERVICE_ID);
    }

    /** As {@link #connectLogins(String, int)}, on the given service. */
    public List<SandboxLogin> connectLogins(String username, int count, int serviceId) {
        return engine.createLogins(username, count, serviceId);
    }

    /**
     * Sets a login's status (e.g. {@code login_wrong_credentials}) and fires the login-status webhook
     * {@code {"status":..,"login_id":..}}; {@code "ok"} clears the status without a webhook.
     */
    public void setLoginStatus(long loginId, String status) {
        engine.setLoginStatus(loginId, status);
    }

    // ------------------------------------------------------------------ transactions

    /** All current transactions of an account, oldest first. Not for user_many's account (throws). */
    public List<SandboxTransaction> transactions(long accountId) {
        return engine.transactions(accountId);
    }

    /** Adds {@code count} new transactions dated today and fires the new-transaction webhook. */
    public List<SandboxTransaction> addTransactions(long accountId, int count) {
        return engine.addTransactions(accountId, count);
    }

    /**
     * Changes a transaction's amount and/or description ({@code null} keeps it) and fires the new-transaction
     * webhook with {@code "new":0}.
     */
    public SandboxTransaction updateTransaction(long transactionId, String amount, String description) {
        return engine.updateTransaction(transactionId, amount, description);
    }

    /** Removes a transaction and fires the new-transaction webhook with {@code "new":0}. */
    public SandboxTransaction removeTransaction(long transactionId) {
        return engine.removeTransaction(transactionId);
    }

    // ------------------------------------------------------------------ webhooks, faults, reset

    /** Posts {@code json} verbatim to the webhook URL (asynchronously, with retries). */
    public void postWebhook(String json) {
        if (json == null || Json.parse(json) == null) {
            throw new IllegalArgumentException("Not JSON: " + json);
        }
        webhooks.send(json);
    }

    /** Every finished webhook delivery (delivered or given up), oldest first. */
    public List<WebhookDelivery> webhookDeliveries() {
        return webhooks.deliveries();
    }

    /**
     * Makes the next {@code count} API calls under {@code /v2} fail: {@code "503"}, {@code "500"}, {@code "429"},
     * {@code "reset"} (connection reset), {@code "malformed"} (truncated JSON with status 200), or
     * {@code "delay"} ({@code delayMillis}, then a normal answer). Faults queue up in order.
     */
    public void injectFault(String type, int count, long delayMillis) {
        engine.injectFault(type, count, delayMillis);
    }

    /** {@link #injectFault(String, int, long)} without a delay. */
    public void injectFault(String type, int count) {
        engine.injectFault(type, count, 0);
    }

    /** Drops the faults not yet used. */
    public void clearFaults() {
        engine.clearFaults();
    }

    /** Back to the seeded state: no customers, tokens or logins, no faults, no recorded deliveries. */
    public void reset() {
        engine.reset();
        webhooks.clearDeliveries();
    }

    @Override
    public String toString() {
        return "FinsifySandbox[" + (server == null ? "stopped" : baseUrl()) + ", seed=" + settings.seed
                + ", adminToken=" + (settings.adminToken == null ? "none" : "set") + "]";
    }

    /** Settings of a {@link FinsifySandbox}. */
    public static final class Builder {
        /** Where a client that connects to {@code localhost} arrives. */
        private static final InetAddress LOCALHOST = localhost();

        private int port;
        private String host;
        private InetAddress address;
        private boolean wireMockAdmin;
        private String adminToken;
        private String clientId = DEFAULT_CLIENT_ID;
        private String serviceSecret = DEFAULT_SERVICE_SECRET;
        private String appSecret = DEFAULT_APP_SECRET;
        private long seed = 42;
        private String webhookUrl;
        private String webhookToken;
        private Duration tokenTtl = Duration.ofMinutes(30);
        private int manyTransactions = 100_000;
        private Duration refreshCooldown = Duration.ofMinutes(5);
        private Clock clock = Clock.systemUTC();
        private int webhookMaxAttempts = 4;
        private Duration webhookRetryDelay = Duration.ofMillis(200);

        private Builder() {
            host(DEFAULT_HOST);
        }

        /** The HTTP port; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * The address to listen on (default {@value FinsifySandbox#DEFAULT_HOST}: loopback only); {@code 0.0.0.0} means every
         * interface. Off loopback the admin APIs need the admin token, generated unless
         * {@link #adminToken(String)} gives one.
         */
        public Builder host(String host) {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("host must not be blank");
            }
            String name = host.trim();
            if (name.startsWith("[") && name.endsWith("]")) {
                name = name.substring(1, name.length() - 1);
            }
            try {
                this.address = InetAddress.getByName(name);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("host " + host + " cannot be resolved to an address", e);
            }
            this.host = name;
            return this;
        }

        /**
         * Switches WireMock's own admin API ({@code /__admin}: stubs, journal, shutdown) on; off by default,
         * as the sandbox needs none of it and it can turn the sandbox into an open proxy. With an admin token
         * it needs the token too.
         */
        public Builder wireMockAdmin(boolean enabled) {
            this.wireMockAdmin = enabled;
            return this;
        }

        /**
         * The token the admin APIs then need as {@code Authorization: Bearer <token>}, on loopback too (for a host
         * shared with other users). Letters, digits and {@code . _ ~ + / -} only.
         */
        public Builder adminToken(String adminToken) {
            this.adminToken = AdminAccess.requireValidToken(adminToken, "adminToken");
            return this;
        }

        public Builder clientId(String clientId) {
            this.clientId = requireText(clientId, "clientId");
            return this;
        }

        public Builder serviceSecret(String serviceSecret) {
            this.serviceSecret = requireText(serviceSecret, "serviceSecret");
            return this;
        }

        public Builder appSecret(String appSecret) {
            this.appSecret = requireText(appSecret, "appSecret");
            return this;
        }

        /** The seed all data derives from (default 42). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Where webhooks are posted (verbatim: a {@code ?token=...} in it is kept). */
        public Builder webhookUrl(String webhookUrl) {
            this.webhookUrl = webhookUrl;
            return this;
        }

        /** Sent as header {@code X-Finsify-Token} with every webhook when set. */
        public Builder webhookToken(String webhookToken) {
            this.webhookToken = webhookToken;
            return this;
        }

        /** How long a token (its connect page) stays valid (default 30 minutes). */
        public Builder tokenTtl(Duration tokenTtl) {
            this.tokenTtl = Objects.requireNonNull(tokenTtl, "tokenTtl");
            return this;
        }

        /** How many transactions user_many's account has, 1 to 1,000,000 (default 100,000). */
        public Builder manyTransactions(int manyTransactions) {
            if (manyTransactions < 1 || manyTransactions > 1_000_000) {
                throw new IllegalArgumentException("manyTransactions must be between 1 and 1000000");
            }
            this.manyTransactions = manyTransactions;
            return this;
        }

        /** Minimum time between two refreshes of a login (default 5 minutes, as the API). */
        public Builder refreshCooldown(Duration refreshCooldown) {
            this.refreshCooldown = Objects.requireNonNull(refreshCooldown, "refreshCooldown");
            return this;
        }

        /** The clock for token expiry, refresh times, "today" (in UTC) and webhook timestamps. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Attempts per webhook delivery, the first included (default 4). */
        public Builder webhookMaxAttempts(int attempts) {
            if (attempts < 1) {
                throw new IllegalArgumentException("webhookMaxAttempts must be at least 1");
            }
            this.webhookMaxAttempts = attempts;
            return this;
        }

        /** Delay before the first retry of a webhook; it doubles at each further retry (default 200 ms). */
        public Builder webhookRetryDelay(Duration delay) {
            this.webhookRetryDelay = Objects.requireNonNull(delay, "webhookRetryDelay");
            return this;
        }

        public FinsifySandbox build() {
            Builder copy = new Builder();
            copy.port = port;
            copy.host = host;
            copy.address = address;
            copy.wireMockAdmin = wireMockAdmin;
            // secure by default: off loopback the admin APIs are never open
            copy.adminToken = adminToken == null && !address.isLoopbackAddress() ? AdminAccess.generateToken()
                    : adminToken;
            copy.clientId = clientId;
            copy.serviceSecret = serviceSecret;
            copy.appSecret = appSecret;
            copy.seed = seed;
            copy.webhookUrl = webhookUrl;
            copy.webhookToken = webhookToken;
            copy.tokenTtl = tokenTtl;
            copy.manyTransactions = manyTransactions;
            copy.refreshCooldown = refreshCooldown;
            copy.clock = clock;
            copy.webhookMaxAttempts = webhookMaxAttempts;
            copy.webhookRetryDelay = webhookRetryDelay;
            return new FinsifySandbox(copy);
        }

        /**
         * The host in URLs: {@code localhost} when that reaches the bound address (the default, and every
         * interface), else the bound address itself.
         */
        private String urlHost() {
            if (address.isAnyLocalAddress() || address.equals(LOCALHOST)) {
                return "localhost";
            }
            return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        }

        private static InetAddress localhost() {
            try {
                return InetAddress.getByName("localhost");
            } catch (UnknownHostException e) {
                return InetAddress.getLoopbackAddress();
            }
        }

        private static String requireText(String value, String name) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank");
            }
            return value;
        }
    }
}
