package io.github.camelfinsify.examples.banksync;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

import io.github.camelfinsify.FinsifyComponent;
import io.github.camelfinsify.FinsifyConstants;
import io.github.camelfinsify.examples.banksync.BankSyncReport.Spend;
import io.github.camelfinsify.model.Account;
import io.github.camelfinsify.model.ConnectResult;
import io.github.camelfinsify.model.Token;
import io.github.camelfinsify.sandbox.FinsifySandbox;
import io.github.camelfinsify.sandbox.SandboxTransaction;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.processor.state.FileStateRepository;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.apache.camel.support.service.ServiceHelper;

/**
 * One run of the demo: Finsify (the in-process sandbox unless {@code FINSIFY_*} say otherwise), Camel Main with the
 * routes (Java or YAML DSL), the connect, the backfill, webhooks, and the summary.
 */
public final class BankSync implements AutoCloseable {

    /** The sync feed's default look-back: changes dated inside it are found by the webhook fetch. */
    private static final int LOOKBACK_DAYS = 14;
    private static final Duration WEBHOOK_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration BACKFILL_TIMEOUT = Duration.ofMinutes(10);

    private final BankSyncOptions options;
    private final PrintStream out;
    private final LoginSecretStore secrets = new LoginSecretStore();
    private final BackfillProgress progress;
    private final WebhookStats stats;
    private final StatusBoard status;
    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);

    private FinsifySandbox sandbox;
    private volatile List<Account> accounts = List.of();
    private Main main;
    private FinsifyComponent finsify;
    private ProducerTemplate template;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private Thread shutdownHook;
    private StateRepository<String, String> syncState;
    private boolean closed;
    private volatile String metricsUrl;

    public BankSync(BankSyncOptions options) {
        this.options = options;
        this.out = options.out();
        this.progress = new BackfillProgress(out);
        this.stats = new WebhookStats(out);
        this.status = new StatusBoard(Clock.systemUTC(), stats);
    }

    /** The in-process sandbox of this run, or {@code null} against a real Finsify. */
    public FinsifySandbox sandbox() {
        return sandbox;
    }

    /** The connected login's accounts, once known. */
    public List<Account> accounts() {
        return accounts;
    }

    /** Runs the demo; with {@code follow}, returns only when the JVM shuts down. */
    public BankSyncReport run() throws Exception {
        Map<String, String> env = options.env();
        boolean real = present(env, "FINSIFY_BASE_URL") && present(env, "FINSIFY_CLIENT_ID")
                       && present(env, "FINSIFY_SERVICE_SECRET");
        int port = options.httpPort() > 0 ? options.httpPort() : freePort();
        String appUrl = present(env, "FINSIFY_PUBLIC_URL") ? stripSlash(env.get("FINSIFY_PUBLIC_URL"))
                : "http://localhost:" + port;
        String webhookToken = present(env, "FINSIFY_WEBHOOK_TOKEN") ? env.get("FINSIFY_WEBHOOK_TOKEN")
                : UUID.randomUUID().toString().replace("-", "");
        // signs the connect state that binds each callback to its customer; a key per run is fine for one replica,
        // replicas share one (a connect may start on one and end on another)
        String connectSigningKey = present(env, "FINSIFY_CONNECT_SIGNING_KEY") ? env.get("FINSIFY_CONNECT_SIGNING_KEY")
                : randomKey();

        // 1. Finsify: the sandbox in-process, or a real one
        // Secrets never go through Camel Main properties or endpoint URIs: Camel Main and the placeholder resolver log
        // what they apply at DEBUG, masking only option names Camel knows as sensitive (docs/security.md). They are
        // set on the component bean instead, which endpoints copy from.
        Map<String, String> properties = new LinkedHashMap<>();
        String serviceSecret;
        if (real) {
            properties.put("camel.component.finsify.base-url", env.get("FINSIFY_BASE_URL"));
            properties.put("camel.component.finsify.client-id", env.get("FINSIFY_CLIENT_ID"));
            serviceSecret = env.get("FINSIFY_SERVICE_SECRET");
            if (present(env, "FINSIFY_SERVICES_URL")) {
                properties.put("camel.component.finsify.services-url", env.get("FINSIFY_SERVICES_URL"));
            }
            if (present(env, "FINSIFY_SERVICE_ID")) {
                properties.put("bank-sync.service-id", env.get("FINSIFY_SERVICE_ID"));
            }
            out.println("1. Finsify: " + env.get("FINSIFY_BASE_URL") + " (from FINSIFY_BASE_URL)");
        } else {
            sandbox = FinsifySandbox.builder()
                    .port(0)
                    .webhookUrl(appUrl + "/finsify/webhook")
                    .webhookToken(webhookToken)
                    .build()
                    .start();
            properties.put("camel.component.finsify.base-url", sandbox.baseUrl());
            properties.put("camel.component.finsify.services-url", sandbox.servicesUrl());
            properties.put("camel.component.finsify.client-id", sandbox.clientId());
            serviceSecret = sandbox.serviceSecret();
            out.println("1. Finsify: the sandbox, in-process, at " + sandbox.baseUrl()
                        + " (set FINSIFY_BASE_URL, FINSIFY_CLIENT_ID, FINSIFY_SERVICE_SECRET for a real one)");
        }
        properties.put("camel.server.port", Integer.toString(port));
        // Camel's management server, beside the app's: the Prometheus scrape of camel.metrics.* and the finsify meters
        int managementPort = freePort();
        properties.put("camel.management.port", Integer.toString(managementPort));
        metricsUrl = "http://localhost:" + managementPort + "/observe/metrics";
        // the first sync of an account, backfill or webhook, starts here: the whole history the sandbox keeps
        properties.put("bank-sync.initial-from-date", today.minusYears(2).toString());
        if (options.jdbcUrl() != null) {
            properties.put("bank-sync.jdbc-url", options.jdbcUrl());
        }

        syncState = stateRepository(options.stateFile());
        startCamel(properties, serviceSecret, webhookToken, connectSigningKey);
        CamelContext context = main.getCamelContext();
        String jdbcUrl = context.resolvePropertyPlaceholders("{{bank-sync.jdbc-url}}");
        out.printf("   Camel %s: %s DSL routes, HTTP server on %s (/finsify/connect, /finsify/webhook)%n",
                context.getVersion(), options.yaml() ? "YAML" : "Java", "http://localhost:" + port);
        out.println("   Metrics (Prometheus): " + metricsUrl);
        template.requestBody("direct:create-schema", (Object) null);

        // 2.-4. customer, token, connect page, connect callback
        long loginId;
        String loginSecret;
        if (real && present(env, "FINSIFY_LOGIN_SECRET")) {
            loginSecret = env.get("FINSIFY_LOGIN_SECRET");
            List<Account> accounts = accounts(loginSecret);
            if (accounts.isEmpty()) {
                throw new IllegalStateException("The login of FINSIFY_LOGIN_SECRET has no accounts");
            }
            loginId = accounts.get(0).loginId();
            secrets.put(loginId, loginSecret);
            out.println("Login " + loginId + " from FINSIFY_LOGIN_SECRET");
        } else {
            ConnectResult connected = connect(appUrl + "/finsify/connect", real);
            loginId = connected.loginId();
            loginSecret = connected.secret();
        }

        // 5. backfill
        List<Account> accounts = accounts(loginSecret);
        this.accounts = List.copyOf(accounts);
        if (sandbox != null) {
            // the sandbox starts from its seed on every run: so does its login's part of the database
            template.requestBodyAndHeader("direct:clear-login", null, FinsifyConstants.LOGIN_ID, loginId);
        }
        out.printf("5. Backfill of login %d since %s into %s%n", loginId, today.minusYears(2), displayUrl(jdbcUrl));
        long started = System.nanoTime();
        progress.start(accounts.size());
        // the backfill endpoint copies the component's login secret when the route is created from the template
        finsify.getConfiguration().setLoginSecret(loginSecret);
        context.addRouteFromTemplate(BankSyncRoutes.BACKFILL_TEMPLATE, BankSyncRoutes.BACKFILL_TEMPLATE, Map.of());
        int backfilled = progress.awaitDrained(BACKFILL_TIMEOUT);
        context.getRouteController().stopRoute(BankSyncRoutes.BACKFILL_TEMPLATE);
        context.removeRoute(BankSyncRoutes.BACKFILL_TEMPLATE);
        status.loginSynced(loginId);
        out.printf("   Backfill complete: %,d transactions in %.1f s%n", backfilled,
                (System.nanoTime() - started) / 1e9);

        if (options.syncOnly()) {
            BankSyncReport report = syncedReport(loginId, accounts, backfilled);
            if (options.follow()) {
                follow(appUrl, accounts);
            }
            return report;
        }

        // 6. webhooks
        if (sandbox != null) {
            makeSandboxChanges(accounts);
        } else {
            out.println("6. Webhooks: set the webhook URL in Finsify's dashboard to " + appUrl
                        + "/finsify/webhook with header X-Finsify-Token (FINSIFY_WEBHOOK_TOKEN); --follow waits for them");
        }

        BankSyncReport report = summary(loginId, loginSecret, backfilled, jdbcUrl);
        if (options.follow()) {
            follow(appUrl, accounts);
        }
        return report;
    }

    private void startCamel(Map<String, String> properties, String serviceSecret, String webhookToken,
                            String connectSigningKey) throws Exception {
        main = new Main();
        finsify = new FinsifyComponent();
        finsify.getConfiguration().setServiceSecret(serviceSecret);
        finsify.getConfiguration().setWebhookToken(webhookToken);
        finsify.getConfiguration().setConnectSigningKey(connectSigningKey);
        main.bind("finsify", finsify);
        main.bind("bankSyncSecrets", secrets);
        main.bind("bankSyncProgress", progress);
        main.bind("bankSyncStats", stats);
        main.bind("bankSyncStatus", status);
        main.bind("bankSyncState", syncState);
        if (options.yaml()) {
            properties.put("camel.main.routes-include-pattern", "classpath:routes/yaml/*.camel.yaml");
        } else {
            main.configure().addRoutesBuilder(new BankSyncRoutes());
        }
        properties.forEach(main::addOverrideProperty);
        main.start();
        template = main.getCamelContext().createProducerTemplate();
    }

    /**
     * The sync state of both feeds (bean {@code bankSyncState}): in memory, or in a file that a restarted app resumes
     * from. The in-process sandbox starts from its seed on every run, so its state file starts empty too.
     */
    private StateRepository<String, String> stateRepository(String stateFile) throws IOException {
        if (stateFile == null || stateFile.isBlank()) {
            return new MemoryStateRepository();
        }
        Path file = Path.of(stateFile).toAbsolutePath();
        if (sandbox != null) {
            Files.deleteIfExists(file);
        }
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        out.println("   Sync state: " + file + " (a restart resumes the sync where it stopped)");
        return FileStateRepository.fileStateRepository(new File(file.toString()));
    }

    /** {@code --sync-only}: the backfill is done; the rows per account, no summary. */
    @SuppressWarnings("unchecked")
    private BankSyncReport syncedReport(long loginId, List<Account> accounts, int backfilled) {
        Map<Long, Long> counts = new LinkedHashMap<>();
        List<Map<String, Object>> rows = template.requestBodyAndHeader("direct:count-by-account", null,
                FinsifyConstants.LOGIN_ID, loginId, List.class);
        for (Map<String, Object> row : rows) {
            counts.put(number(row, "account_id").longValue(), number(row, "transactions").longValue());
        }
        BankSyncReport report = new BankSyncReport(loginId, accounts, counts, backfilled, 0, 0, 0, 0,
                today.minusDays(29), List.of());
        out.printf("Sync complete: %,d transactions of login %d in the database%n", report.totalTransactions(),
                loginId);
        return report;
    }

    private ConnectResult connect(String callbackUrl, boolean real) throws Exception {
        Map<String, Object> headers = new HashMap<>();
        headers.put(FinsifyConstants.IDENTIFIER, "bank-sync-" + UUID.randomUUID());
        headers.put(FinsifyConstants.CALLBACK_URL, callbackUrl);
        Exchange created = template.request("direct:create-connect-token", e -> e.getIn().setHeaders(headers));
        if (created.getException() != null) {
            throw created.getException();
        }
        Token token = created.getMessage().getBody(Token.class);
        String customerId = created.getMessage().getHeader(FinsifyConstants.CUSTOMER_ID, String.class);
        out.println("2. Customer " + headers.get(FinsifyConstants.IDENTIFIER) + " and connect token created "
                    + "(its callback URL carries a state signed for customer " + customerId + ")");
        if (real) {
            out.println("3. Open the connect page in a browser on this machine and log in to your bank:");
            out.println("     " + token.connectUrl());
        } else {
            new ConnectBrowser().connect(token.connectUrl(), callbackUrl, "user_good", FinsifySandbox.PASSWORD);
            out.println("3. Connect page submitted over HTTP as a browser would (user_good / "
                        + FinsifySandbox.PASSWORD + ")");
        }
        ConnectResult result = secrets.awaitConnect(customerId,
                real ? options.connectTimeout() : Duration.ofSeconds(30));
        out.println("4. Connect callback received through finsify:connect for customer " + customerId + ": " + result);
        return result;
    }

    @SuppressWarnings("unchecked")
    private List<Account> accounts(String loginSecret) {
        return template.requestBodyAndHeader("direct:accounts", null, FinsifyConstants.LOGIN_SECRET, loginSecret,
                List.class);
    }

    /** Changes in the sandbox through its admin API; each fires a webhook, which the webhook route applies. */
    private void makeSandboxChanges(List<Account> accounts) throws Exception {
        out.println("6. Changes in the sandbox (its admin API); each fires a webhook that the app applies:");
        long first = accounts.get(0).id();
        long second = accounts.get(Math.min(1, accounts.size() - 1)).id();
        long third = accounts.get(Math.min(2, accounts.size() - 1)).id();

        List<SandboxTransaction> addedFirst = sandbox.addTransactions(first, 3);
        out.println("   + 3 new transactions on account " + first);
        stats.awaitApplied(3, WEBHOOK_TIMEOUT);

        List<SandboxTransaction> addedSecond = sandbox.addTransactions(second, 2);
        out.println("   + 2 new transactions on account " + second);
        stats.awaitApplied(2, WEBHOOK_TIMEOUT);

        Set<Long> added = new HashSet<>();
        addedFirst.forEach(t -> added.add(t.id()));
        addedSecond.forEach(t -> added.add(t.id()));
        SandboxTransaction changed = recent(first, added, addedFirst.get(0));
        String amount = new BigDecimal(changed.amount()).subtract(new BigDecimal("1.50"))
                .setScale(2, RoundingMode.UNNECESSARY).toPlainString();
        sandbox.updateTransaction(changed.id(), amount, changed.description() + " (CORRECTED)");
        out.println("   ~ transaction " + changed.id() + " of " + changed.date() + " changed: amount "
                    + changed.amount() + " -> " + amount);
        stats.awaitApplied(1, WEBHOOK_TIMEOUT);

        SandboxTransaction removed = recent(third, added, addedSecond.get(0));
        sandbox.removeTransaction(removed.id());
        out.println("   - transaction " + removed.id() + " of " + removed.date() + " removed (a dropped pending item)");
        stats.awaitApplied(1, WEBHOOK_TIMEOUT);
    }

    /** The account's most recent transaction that the webhook's fetch window sees, other than the new ones. */
    private SandboxTransaction recent(long accountId, Set<Long> exclude, SandboxTransaction fallback) {
        LocalDate windowStart = today.minusDays(LOOKBACK_DAYS - 1);
        return sandbox.transactions(accountId).stream()
                .filter(t -> !exclude.contains(t.id()) && !t.date().isBefore(windowStart))
                .max(Comparator.comparing(SandboxTransaction::date).thenComparingLong(SandboxTransaction::id))
                .orElse(fallback);
    }

    @SuppressWarnings("unchecked")
    private BankSyncReport summary(long loginId, String loginSecret, int backfilled, String jdbcUrl) {
        List<Account> accounts = accounts(loginSecret);
        Map<Long, Long> counts = new LinkedHashMap<>();
        List<Map<String, Object>> rows = template.requestBodyAndHeader("direct:count-by-account", null,
                FinsifyConstants.LOGIN_ID, loginId, List.class);
        for (Map<String, Object> row : rows) {
            counts.put(number(row, "account_id").longValue(), number(row, "transactions").longValue());
        }
        LocalDate since = today.minusDays(29);
        Map<String, Object> headers = Map.of(FinsifyConstants.LOGIN_ID, loginId, "bankSyncSince", since);
        List<Map<String, Object>> spendRows = template.requestBodyAndHeaders("direct:spend-by-category", null,
                headers, List.class);
        List<Spend> spend = new ArrayList<>();
        for (Map<String, Object> row : spendRows) {
            spend.add(new Spend(String.valueOf(value(row, "category")), String.valueOf(value(row, "currency")),
                    number(row, "transactions").longValue(), new BigDecimal(number(row, "spent").toString())));
        }
        BankSyncReport report = new BankSyncReport(loginId, accounts, counts, backfilled, stats.events(),
                stats.added(), stats.modified(), stats.removed(), since, spend);
        print(report, jdbcUrl);
        return report;
    }

    private void print(BankSyncReport report, String jdbcUrl) {
        String line = "-".repeat(86);
        out.println();
        out.println("Summary: login " + report.loginId() + ", database " + displayUrl(jdbcUrl));
        out.println(line);
        out.printf("%-10s %-28s %-12s %20s %-4s %8s%n", "account", "name", "type", "balance", "", "in db");
        for (Account account : report.accounts()) {
            out.printf("%-10d %-28s %-12s %,20.2f %-4s %,8d%n", account.id(), cut(account.name(), 28),
                    cut(account.type(), 12), account.balance(), account.currency(),
                    report.transactionsByAccount().getOrDefault(account.id(), 0L));
        }
        out.println(line);
        out.printf("Transactions in the database: %,d (backfill applied %,d; webhooks added %d, changed %d, "
                   + "removed %d)%n", report.totalTransactions(), report.backfilled(), report.webhookAdded(),
                report.webhookModified(), report.webhookRemoved());
        out.println();
        out.println("Spend by category, last 30 days (since " + report.spendSince() + ")");
        out.printf("  %-24s %12s %20s %-4s%n", "category", "transactions", "spent", "");
        for (Spend spend : report.spendByCategory()) {
            out.printf("  %-24s %12d %,20.2f %-4s%n", spend.category(), spend.transactions(), spend.spent(),
                    spend.currency());
        }
        if (report.spendByCategory().isEmpty()) {
            out.println("  (no spending)");
        }
        out.println();
        out.println("Webhook events applied: " + report.webhookEvents()
                    + (stats.otherEvents() > 0 ? " (and " + stats.otherEvents() + " login-status or unknown)" : ""));
        out.println(line);
    }

    private void follow(String appUrl, List<Account> accounts) throws Exception {
        main.getCamelContext().addRoutes(new StatusRoutes());
        out.println();
        out.println("Status page: " + appUrl + "/status");
        out.println("Following webhooks at " + appUrl + "/finsify/webhook; Ctrl-C stops.");
        if (sandbox != null) {
            out.println("Try: curl -s -X POST " + sandbox.adminUrl() + "/accounts/" + accounts.get(0).id()
                        + "/transactions -H 'content-type: application/json' -d '{\"count\":2}'");
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            shutdownHook = new Thread(() -> {
                out.println("Stopping: " + stats.events() + " webhook events applied in total.");
                close();
            }, "bank-sync-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
        stopped.await();
    }

    /** Where Camel's management server answers with the meters in Prometheus' format, once started. */
    public String metricsUrl() {
        return metricsUrl;
    }

    /** Counts of the webhook route so far (for {@code --follow} runs). */
    public WebhookStats webhookStats() {
        return stats;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopped.countDown();
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down already
            }
        }
        try {
            if (main != null) {
                main.stop();
            }
        } catch (Exception e) {
            out.println("Camel did not stop cleanly: " + e);
        } finally {
            ServiceHelper.stopService(syncState);
            if (sandbox != null) {
                sandbox.stop();
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    private static Number number(Map<String, Object> row, String column) {
        Object value = value(row, column);
        if (value instanceof Number n) {
            return n;
        }
        throw new IllegalStateException("Column " + column + " is not a number: " + value);
    }

    private static Object value(Map<String, Object> row, String column) {
        for (Map.Entry<String, Object> entry : row.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(column)) {
                return entry.getValue();
            }
        }
        throw new IllegalStateException("No column " + column + " in " + row.keySet());
    }

    /** 32 random bytes, as a signing key. */
    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static boolean present(Map<String, String> env, String name) {
        String value = env.get(name);
        return value != null && !value.isBlank();
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The JDBC URL without its settings (which could hold a password). */
    static String displayUrl(String jdbcUrl) {
        int cut = jdbcUrl.indexOf(';');
        int query = jdbcUrl.indexOf('?');
        if (query >= 0 && (cut < 0 || query < cut)) {
            cut = query;
        }
        return cut < 0 ? jdbcUrl : jdbcUrl.substring(0, cut);
    }

    private static String cut(String text, int width) {
        if (text == null) {
            return "";
        }
        return text.length() <= width ? text : text.substring(0, width - 1) + "~";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
