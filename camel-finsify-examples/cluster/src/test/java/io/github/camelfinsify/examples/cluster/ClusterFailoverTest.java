package io.github.camelfinsify.examples.cluster;

import java.io.File;
import java.io.IOException;
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
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.github.camelfinsify.sandbox.FinsifySandbox;
import io.github.camelfinsify.sandbox.SandboxLogin;
import io.github.camelfinsify.sandbox.SandboxTransaction;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of {@link ClusterApp} in two JVMs, as in production: one lock directory, one database (an H2 TCP
 * server, standing in for PostgreSQL). The leader starts the backfill of a login; it is killed (no shutdown hook, no
 * graceful stop) in the middle of it; transactions are added to the sandbox; the other instance takes over and at
 * the end the table holds exactly the sandbox's transactions of the login, each once.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ClusterFailoverTest {

    /** Far enough back for the whole seeded history of the login: the backfill takes a moment, and the kill hits it. */
    private static final LocalDate FROM = LocalDate.now().minusYears(3);

    /** Logs of both instances, lock files and database stay here after the test, for a look. */
    private final Path dir = Path.of("target", "cluster-failover").toAbsolutePath();

    private FinsifySandbox sandbox;
    private Server h2;
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopAll() throws Exception {
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        if (h2 != null) {
            h2.stop();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @BeforeEach
    void cleanDirectory() throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
        Files.createDirectories(dir);
    }

    @Test
    void theFollowerTakesOverTheSyncWhenTheLeaderIsKilled() throws Exception {
        sandbox = FinsifySandbox.builder().port(0).build().start();
        SandboxLogin login = sandbox.connectLogin("user_good");
        h2 = Server.createTcpServer("-tcpPort", "0", "-ifNotExists", "-baseDir", dir.resolve("db").toString()).start();
        String jdbcUrl = "jdbc:h2:tcp://localhost:" + h2.getPort() + "/./finsify-cluster";
        Path lockDir = dir.resolve("locks");

        Process a = startInstance("a", jdbcUrl, lockDir, login);
        Path logA = dir.resolve("a.log");
        await("a becomes the leader").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> alive(a, logA) && log(logA).contains("a is the leader of finsify-sync (this instance polls)"));
        Process b = startInstance("b", jdbcUrl, lockDir, login);
        Path logB = dir.resolve("b.log");
        await("b joins as a follower").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> alive(b, logB) && log(logB).contains("Cluster b: a is the leader of finsify-sync")
                             || log(logB).contains("Started finsify-sync"));

        // kill the leader as soon as it has written something: most likely in the middle of the backfill
        long total = sandboxIds(login).size();
        await("a writes its first transactions").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> alive(a, logA) && rowCount(jdbcUrl) >= 50);
        a.destroyForcibly();
        long killedAt = System.nanoTime();
        a.waitFor(20, TimeUnit.SECONDS);
        long atKill = rowCount(jdbcUrl);
        System.out.printf("killed leader a with %d of %d transactions in the table%n", atKill, total);
        assertThat(log(logB)).doesNotContain("b is the leader");

        // the bank posts new transactions while nobody polls
        List<SandboxTransaction> added = new ArrayList<>();
        for (long accountId : login.accountIds()) {
            added.addAll(sandbox.addTransactions(accountId, 3));
        }

        await("b takes the lead").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> alive(b, logB) && log(logB).contains("b is the leader of finsify-sync (this instance polls)"));
        System.out.printf("b took the lead %d ms after the kill%n", (System.nanoTime() - killedAt) / 1_000_000);

        Set<Long> expected = sandboxIds(login);
        await("b takes over and the table matches the sandbox").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> {
                    alive(b, logB);
                    assertThat(tableIds(jdbcUrl)).isEqualTo(expected);
                });
        assertThat(log(logB)).contains("b is the leader of finsify-sync (this instance polls)");

        try (Connection c = DriverManager.getConnection(jdbcUrl, "sa", ""); Statement s = c.createStatement()) {
            // the same rows, by id, each once
            assertThat(single(s, "SELECT COUNT(*) FROM finsify_transaction")).isEqualTo(expected.size());
            assertThat(single(s, "SELECT COUNT(DISTINCT id) FROM finsify_transaction")).isEqualTo(expected.size());
            // the new transactions were synced by the new leader
            for (SandboxTransaction tx : added) {
                try (ResultSet rs = s.executeQuery("SELECT written_by FROM finsify_transaction WHERE id = " + tx.id())) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("b");
                }
            }
            long rewritten = single(s, "SELECT COUNT(*) FROM finsify_transaction WHERE writes > 1");
            long extraWrites = single(s, "SELECT COALESCE(SUM(writes - 1), 0) FROM finsify_transaction");
            long byA = single(s, "SELECT COUNT(*) FROM finsify_transaction WHERE written_by = 'a'");
            long byB = single(s, "SELECT COUNT(*) FROM finsify_transaction WHERE written_by = 'b'");
            System.out.printf("after fail-over: %d transactions (%d last written by a, %d by b); %d rows written more "
                              + "than once (%d extra writes) at the crash edge, invisible thanks to the upsert%n",
                    expected.size(), byA, byB, rewritten, extraWrites);
            // re-deliveries are bounded by the sync feed's save interval (100 changes) per account
            assertThat(extraWrites).isLessThanOrEqualTo(100L * login.accountIds().size());
        }
        // neither instance logged a secret
        for (Path logFile : List.of(logA, logB)) {
            assertThat(log(logFile)).doesNotContain(login.secret()).doesNotContain(sandbox.serviceSecret());
        }
    }

    private Process startInstance(String nodeId, String jdbcUrl, Path lockDir, SandboxLogin login) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx192m", "-XX:TieredStopAtLevel=1", "-cp", classpath,
                ClusterApp.class.getName(),
                "--cluster.node-id=" + nodeId,
                "--cluster.jdbc-url=" + jdbcUrl,
                "--cluster.lock-dir=" + lockDir,
                "--finsify.poll-delay=1000",
                "--finsify.initial-from-date=" + FROM);
        // as docs/scaling.md says: the API and the secrets through the environment, not the command line
        pb.environment().put("FINSIFY_BASE_URL", sandbox.baseUrl());
        pb.environment().put("FINSIFY_CLIENT_ID", sandbox.clientId());
        pb.environment().put("FINSIFY_SERVICE_SECRET", sandbox.serviceSecret());
        pb.environment().put("FINSIFY_LOGIN_SECRET", login.secret());
        File out = dir.resolve(nodeId + ".log").toFile();
        pb.redirectErrorStream(true).redirectOutput(out);
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    private Set<Long> sandboxIds(SandboxLogin login) {
        Set<Long> ids = new HashSet<>();
        for (long accountId : login.accountIds()) {
            for (SandboxTransaction tx : sandbox.transactions(accountId)) {
                if (!tx.date().isBefore(FROM)) {
                    ids.add(tx.id());
                }
            }
        }
        return ids;
    }

    private static Set<Long> tableIds(String jdbcUrl) throws SQLException {
        Set<Long> ids = new HashSet<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, "sa", ""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id FROM finsify_transaction")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    private static long rowCount(String jdbcUrl) {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "sa", ""); Statement s = c.createStatement()) {
            return single(s, "SELECT COUNT(*) FROM finsify_transaction");
        } catch (SQLException e) {
            return 0; // the table is not there yet
        }
    }

    private static long single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Fails at once, with its log, when an instance died on its own. */
    private static boolean alive(Process p, Path logFile) throws IOException {
        if (!p.isAlive()) {
            throw new IllegalStateException("Instance exited with " + p.exitValue() + ":\n" + log(logFile));
        }
        return true;
    }

    private static String log(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
