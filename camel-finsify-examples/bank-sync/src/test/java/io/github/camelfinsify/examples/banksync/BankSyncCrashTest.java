package io.github.camelfinsify.examples.banksync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.github.camelfinsify.sandbox.FinsifySandbox;
import io.github.camelfinsify.sandbox.SandboxLogin;
import io.github.camelfinsify.sandbox.SandboxTransaction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash test (issue 6): a separate JVM runs the demo's sync ({@code --sync-only}) with an H2 file database and the
 * sync state in a {@code FileStateRepository} ({@code --state-file}), during a 20,000-transaction backfill. The test
 * kills it with SIGKILL at random points, restarts it, and at the end the database holds exactly the sandbox's
 * transactions. The upsert counts its writes per id, so the rows written more than once are the transactions
 * delivered again at the crash edges (the feed saves its state every 100 changes: at most about 100 per crash).
 */
class BankSyncCrashTest {

    private static final int ADDED = 20_000;
    private static final int KILLS = 5;
    /** The feed's contract: state saved every 100 delivered changes (plus the one in flight). */
    private static final int MAX_REDELIVERED_PER_CRASH = 101;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(120);

    /** The demo's table plus a write counter. */
    private static final String CREATE_TABLE = "CREATE TABLE IF NOT EXISTS bank_transaction ("
            + "id BIGINT PRIMARY KEY, login_id BIGINT NOT NULL, account_id BIGINT NOT NULL, tx_date DATE NOT NULL, "
            + "amount NUMERIC(19,4) NOT NULL, currency VARCHAR(3) NOT NULL, description VARCHAR(1024), "
            + "category VARCHAR(64), source VARCHAR(16) NOT NULL, synced_at TIMESTAMP NOT NULL, "
            + "writes INT DEFAULT 1 NOT NULL)";
    /** The demo's upsert, counting how often each id was written (H2's standard MERGE). */
    private static final String UPSERT = "MERGE INTO bank_transaction t USING (SELECT CAST(:#${body.id} AS BIGINT) "
            + "AS id) s ON t.id = s.id "
            + "WHEN MATCHED THEN UPDATE SET login_id = :#${header.CamelFinsifyLoginId}, "
            + "account_id = :#${header.CamelFinsifyAccountId}, tx_date = :#${body.date}, amount = :#${body.amount}, "
            + "currency = :#${body.currency}, description = :#${body.description}, category = :#${body.category}, "
            + "source = :#${header.bankSyncSource}, synced_at = CURRENT_TIMESTAMP, writes = t.writes + 1 "
            + "WHEN NOT MATCHED THEN INSERT "
            + "(id, login_id, account_id, tx_date, amount, currency, description, category, source, synced_at, writes) "
            + "VALUES (:#${body.id}, :#${header.CamelFinsifyLoginId}, :#${header.CamelFinsifyAccountId}, "
            + ":#${body.date}, :#${body.amount}, :#${body.currency}, :#${body.description}, :#${body.category}, "
            + ":#${header.bankSyncSource}, CURRENT_TIMESTAMP, 1)";

    @TempDir
    Path dir;

    private FinsifySandbox sandbox;
    private Process app;

    @AfterEach
    void stop() throws InterruptedException {
        if (app != null && app.isAlive()) {
            app.destroyForcibly();
            app.waitFor(30, TimeUnit.SECONDS);
        }
        if (sandbox != null) {
            sandbox.stop();
        }
    }

    @Test
    void killedAndRestartedSyncLeavesExactlyTheSandboxTransactions() throws Exception {
        long started = System.nanoTime();
        sandbox = FinsifySandbox.builder().port(0).build().start();
        SandboxLogin login = sandbox.connectLogin("user_good");
        long accountId = login.accountIds().get(0);
        for (int i = 0; i < 4; i++) {
            assertThat(sandbox.addTransactions(accountId, ADDED / 4)).hasSize(ADDED / 4);
        }
        Map<Long, DemoRun.Row> truth = new HashMap<>();
        for (long account : login.accountIds()) {
            for (SandboxTransaction t : sandbox.transactions(account)) {
                truth.put(t.id(), new DemoRun.Row(t.id(), t.accountId(), t.date(), new BigDecimal(t.amount()),
                        t.currency(), t.description(), t.category()));
            }
        }
        assertThat(truth).hasSizeGreaterThan(ADDED);

        String db = dir.resolve("db").resolve("bank-sync").toAbsolutePath().toString();
        // WRITE_DELAY=0, as the demo's default URL: H2 writes each commit out at once. With H2's default (500 ms)
        // a SIGKILL loses the last commits while the feed's state already counts them as delivered
        String appJdbcUrl = "jdbc:h2:file:" + db + ";DB_CLOSE_DELAY=-1;WRITE_DELAY=0;AUTO_SERVER=TRUE";
        String testJdbcUrl = "jdbc:h2:file:" + db + ";AUTO_SERVER=TRUE";
        Path stateFile = dir.resolve("state").resolve("finsify-sync.state");

        System.out.printf("crash test: sandbox ready in %.1f s%n", (System.nanoTime() - started) / 1e9);
        long seed = System.nanoTime();
        Random random = new Random(seed);
        System.out.println("crash test: seed " + seed + ", " + truth.size() + " transactions to sync");

        List<Integer> redeliveredPerCrash = new ArrayList<>();
        int rows = 0;
        int duplicates = 0;
        int kills = 0;
        for (int run = 0; run <= KILLS; run++) {
            Path log = dir.resolve("app-" + run + ".log");
            long runStarted = System.nanoTime();
            app = startApp(appJdbcUrl, stateFile, login.secret(), log);
            boolean last = run == KILLS;
            if (last) {
                // the last run completes the sync and exits
                Process finished = app;
                await().atMost(RUN_TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> !finished.isAlive());
                assertThat(app.exitValue()).as("exit code; its output:%n%s", tail(log)).isZero();
                assertThat(Files.readString(log)).contains("Sync complete:");
            } else {
                // kill it once this run has written a random share of what is left
                int left = truth.size() - rows;
                int step = Math.max(2, left / (KILLS - run + 1));
                int threshold = rows + step / 2 + random.nextInt(step);
                Process running = app;
                await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(100))
                        .until(() -> !running.isAlive() || Files.readString(log).contains("5. Backfill of login"));
                assertThat(app.isAlive()).as("app running; its output:%n%s", tail(log)).isTrue();
                // one connection to the app's H2 server (AUTO_SERVER) while it runs, closed before the kill
                try (Connection connection = DriverManager.getConnection(testJdbcUrl, "sa", "")) {
                    await().atMost(RUN_TIMEOUT).pollInterval(Duration.ofMillis(100))
                            .until(() -> !running.isAlive() || rowCount(connection) >= threshold);
                }
                assertThat(app.isAlive()).as("app still syncing at %d rows; its output:%n%s", threshold, tail(log))
                        .isTrue();
                app.destroyForcibly(); // SIGKILL
                assertThat(app.waitFor(30, TimeUnit.SECONDS)).isTrue();
                kills++;
            }
            Stats stats = stats(testJdbcUrl);
            System.out.printf("crash test: run %d %s at %d rows, %d written more than once (%.1f s)%n", run + 1,
                    last ? "completed" : "killed", stats.rows, stats.duplicates, (System.nanoTime() - runStarted) / 1e9);
            if (last) {
                System.out.println(tail(log));
            }
            if (run > 0) {
                // the changes delivered again after crash number `run` are written early in this run
                redeliveredPerCrash.add(stats.duplicates - duplicates);
            }
            rows = stats.rows;
            duplicates = stats.duplicates;
        }

        Map<Long, DemoRun.Row> database = database(testJdbcUrl);
        assertThat(database.keySet()).as("ids in the database").containsExactlyInAnyOrderElementsOf(truth.keySet());
        assertThat(database).isEqualTo(truth);

        int maxPerCrash = redeliveredPerCrash.stream().mapToInt(Integer::intValue).max().orElse(0);
        String line = String.format("RELIABILITY: crash test: %d kills, %d transactions, %d delivered twice "
                                    + "(max per crash %d)", kills, truth.size(), duplicates, maxPerCrash);
        System.out.println(line);
        System.out.printf("crash test: per crash %s, %.1f s%n", redeliveredPerCrash,
                (System.nanoTime() - started) / 1e9);
        Path report = Path.of(System.getProperty("basedir", "."), "target", "crash-test.txt");
        Files.createDirectories(report.getParent());
        Files.writeString(report, line + System.lineSeparator()
                                  + "kills=" + kills + System.lineSeparator()
                                  + "transactions=" + truth.size() + System.lineSeparator()
                                  + "deliveredTwice=" + duplicates + System.lineSeparator()
                                  + "maxPerCrash=" + maxPerCrash + System.lineSeparator()
                                  + "perCrash=" + redeliveredPerCrash + System.lineSeparator()
                                  + "seed=" + seed + System.lineSeparator());

        assertThat(kills).isGreaterThanOrEqualTo(5);
        assertThat(redeliveredPerCrash).as("re-delivered per crash (state saved every 100 changes)")
                .allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(MAX_REDELIVERED_PER_CRASH));
    }

    // ------------------------------------------------------------------ the app's JVM

    private Process startApp(String jdbcUrl, Path stateFile, String loginSecret, Path log) throws IOException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx384m");
        command.add("-Dbank-sync.sql.create-table=" + CREATE_TABLE);
        command.add("-Dbank-sync.sql.upsert=" + UPSERT);
        command.add("-cp");
        command.add(classPath);
        command.add(BankSyncApp.class.getName());
        command.add("--sync-only");
        command.add("--jdbc-url");
        command.add(jdbcUrl);
        command.add("--state-file");
        command.add(stateFile.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("FINSIFY_"));
        env.put("FINSIFY_BASE_URL", sandbox.baseUrl());
        env.put("FINSIFY_SERVICES_URL", sandbox.servicesUrl());
        env.put("FINSIFY_CLIENT_ID", sandbox.clientId());
        env.put("FINSIFY_SERVICE_SECRET", sandbox.serviceSecret());
        env.put("FINSIFY_LOGIN_SECRET", loginSecret);
        return builder.start();
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    // ------------------------------------------------------------------ the database

    private record Stats(int rows, int duplicates) {
    }

    private static int rowCount(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM bank_transaction")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            if (e.getMessage() != null && e.getMessage().contains("BANK_TRANSACTION")) {
                return 0; // not created yet
            }
            throw e;
        }
    }

    /** Rows, and the writes beyond the first of each id: the transactions delivered more than once. */
    private static Stats stats(String jdbcUrl) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "sa", "");
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COUNT(*), COALESCE(SUM(writes - 1), 0) "
                                                   + "FROM bank_transaction")) {
            rs.next();
            return new Stats(rs.getInt(1), rs.getInt(2));
        }
    }

    private static Map<Long, DemoRun.Row> database(String jdbcUrl) throws SQLException {
        Map<Long, DemoRun.Row> rows = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "sa", "");
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT id, account_id, tx_date, amount, currency, description, "
                                                   + "category FROM bank_transaction")) {
            while (rs.next()) {
                DemoRun.Row row = new DemoRun.Row(rs.getLong(1), rs.getLong(2),
                        rs.getObject(3, LocalDate.class), rs.getBigDecimal(4), rs.getString(5),
                        rs.getString(6), rs.getString(7));
                assertThat(rows.put(row.id(), row)).as("id %d once", row.id()).isNull();
            }
        }
        return rows;
    }
}
