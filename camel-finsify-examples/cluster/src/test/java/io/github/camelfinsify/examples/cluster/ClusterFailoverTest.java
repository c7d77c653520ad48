package io.github.camelfinsify.examples.cluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.github.camelfinsify.jdbc.JdbcLoginDirectory;
import io.github.camelfinsify.sandbox.FinsifySandbox;
import io.github.camelfinsify.sandbox.SandboxLogin;
import io.github.camelfinsify.sandbox.SandboxTransaction;
import io.github.camelfinsify.sync.DirectoryLogin;
import org.apache.curator.test.TestingServer;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three instances of {@link ClusterApp} in three JVMs, as in production: one ZooKeeper (Curator's TestingServer, a
 * real server), one database (an H2 TCP server, standing in for PostgreSQL), and a sandbox holding a partner's book of
 * {@value #LOGINS} logins. Webhooks are posted round-robin to all three while the leader sweeps the book; the leader
 * is killed with SIGKILL in the middle of its sweep; another instance leads within the session time-out and a few
 * seconds; a login-status webhook sent to a follower stops the leader's sync of that login; and at the end the table
 * holds exactly the sandbox's transactions of every login, each once.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ClusterFailoverTest {

    private static final int LOGINS = 300;
    private static final LocalDate FROM = LocalDate.now().minusDays(5);
    private static final Duration RECONCILIATION = Duration.ofSeconds(15);
    private static final int MAX_CONCURRENT_LOGINS = 4;
    private static final long SESSION_TIMEOUT_MS = 4000;
    /** What docs/scaling.md promises for a killed leader: the session time-out, then a few seconds at most. */
    private static final Duration TAKE_OVER = Duration.ofMillis(SESSION_TIMEOUT_MS).plusSeconds(6);
    private static final String WEBHOOK_TOKEN = "cluster-test-webhook-token";

    /** Logs of the instances and the database stay here after the test, for a look. */
    private final Path dir = Path.of("target", "cluster-failover").toAbsolutePath();
    private final String secretKey = JdbcLoginDirectory.newSecretKey();
    private final List<ClusterInstance> instances = new ArrayList<>();

    private FinsifySandbox sandbox;
    private TestingServer zooKeeper;
    private Server h2;
    private String jdbcUrl;

    @BeforeEach
    void startServers() throws Exception {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
        Files.createDirectories(dir);
        // credentials that are nobody's defaults: only the environment can have brought them to the instances
        sandbox = FinsifySandbox.builder().port(0).clientId("cluster-client-id").serviceSecret("cluster-service-secret")
                .build().start();
        zooKeeper = new TestingServer(0, dir.resolve("zookeeper").toFile(), true);
        h2 = Server.createTcpServer("-tcpPort", "0", "-ifNotExists", "-baseDir", dir.resolve("db").toString()).start();
        jdbcUrl = "jdbc:h2:tcp://localhost:" + h2.getPort() + "/./finsify-cluster";
    }

    @AfterEach
    void stopAll() throws Exception {
        for (ClusterInstance instance : instances) {
            instance.stop();
        }
        if (h2 != null) {
            h2.stop();
        }
        if (zooKeeper != null) {
            zooKeeper.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void threeReplicasShareTheBookAndAFollowerTakesOverWhenTheLeaderIsKilled() throws Exception {
        List<SandboxLogin> logins = sandbox.connectLogins("user_good", LOGINS);
        fillTheBook(logins);
        long historyTotal = expectedIds(logins).size();

        // three instances at once: one of them leads, the other two say that they wait for it
        List<ClusterInstance> all = List.of(start("a"), start("b"), start("c"));
        await("one instance leads").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                .until(() -> all.stream().filter(this::leadsQuietly).count() == 1);
        ClusterInstance first = all.stream().filter(this::leadsQuietly).findFirst().orElseThrow();
        for (ClusterInstance follower : all) {
            if (follower != first) {
                await(follower + " says it waits").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                        .until(() -> follower.liveLog().contains("Instance " + follower.nodeId + " waits: "
                                                                 + first.nodeId + " leads")
                                     && follower.liveLog().contains("Started finsify-webhook"));
            }
        }

        // the login whose user will have to reconnect, and one beside it that goes on; webhooks leave both alone
        SandboxLogin stopped = logins.get(1);
        SandboxLogin control = logins.get(2);
        Set<Long> quiet = Set.of(stopped.loginId(), control.loginId());
        try (RoundRobinWebhooks webhooks = new RoundRobinWebhooks(sandbox, logins, instances, WEBHOOK_TOKEN,
                loginId -> !quiet.contains(loginId)).start()) {

            // kill the leader in the middle of its sweep, while webhooks reach every instance
            await(first + " has synced part of the book, webhooks flowing").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> first.leads() && webhooks.sent.get() >= 10 && rowCount() >= historyTotal / 4);
            long webhooksBeforeKill = webhooks.sent.get();
            first.kill();
            long killedAt = System.nanoTime();
            long rowsAtKill = rowCount();
            System.out.printf("killed leader %s with %d of %d transactions in the table, after %d webhooks%n",
                    first.nodeId, rowsAtKill, historyTotal, webhooksBeforeKill);
            assertThat(rowsAtKill).as("killed in the middle of the sweep").isLessThan(historyTotal);

            List<ClusterInstance> survivors = all.stream().filter(i -> i != first).toList();
            await("a follower leads").atMost(TAKE_OVER).pollInterval(Duration.ofMillis(20))
                    .until(() -> survivors.stream().anyMatch(this::leadsQuietly));
            long takeOverMs = (System.nanoTime() - killedAt) / 1_000_000;
            ClusterInstance leader = survivors.stream().filter(this::leadsQuietly).findFirst().orElseThrow();
            ClusterInstance follower = survivors.stream().filter(i -> i != leader).findFirst().orElseThrow();
            System.out.printf("%s took the lead %d ms after the kill (session time-out %d ms)%n", leader.nodeId,
                    takeOverMs, SESSION_TIMEOUT_MS);
            await("the other follower says whom it waits for now").atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> follower.liveLog().contains("Instance " + follower.nodeId + " waits: "
                                                             + leader.nodeId + " leads finsify-sync"));

            // webhooks go on adding transactions: what the sandbox held at the take-over must all arrive
            Set<Long> atTakeOver = expectedIds(logins);
            await("the new leader catches up with the book").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> assertThat(difference(atTakeOver, tableIds())).as("missing").isEmpty());
            System.out.printf("%s caught up with the book %d ms after the kill%n", leader.nodeId,
                    (System.nanoTime() - killedAt) / 1_000_000);

            // a login's user changed the password at the bank: the login-status webhook reaches a follower
            assertThat(webhooks.postTo(follower, "{\"status\":\"login_wrong_credentials\",\"login_id\":"
                                                 + stopped.loginId() + "}"))
                    .startsWith("200");
            long statusAt = System.currentTimeMillis();
            List<SandboxTransaction> notToSync = addOneToEachAccount(stopped);
            List<SandboxTransaction> toSync = addOneToEachAccount(control);
            await("the next sweep syncs the login beside it").atMost(RECONCILIATION.plusSeconds(30))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> tableIds().containsAll(ids(toSync)));
            // the sweep may have passed the login just before the status and reach the one beside it just after:
            // then the login is reported when the sweep after comes to it
            await("the leader reports the login").atMost(RECONCILIATION.plusSeconds(30))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> leader.liveLog().contains("Login " + stopped.loginId()
                                                           + " needs its user (WRONG_CREDENTIALS): not synced"));
            assertThat(tableIds()).doesNotContainAnyElementsOf(ids(notToSync));
            // nothing of it written since the status, give or take a poll (500 ms)
            assertThat(lastWriteOf(stopped)).isBefore(Instant.ofEpochMilli(statusAt + 500));

            webhooks.close();
            Map<Long, Long> announced = new HashMap<>(webhooks.announced);
            Set<Long> expected = expectedIds(logins);
            expected.removeAll(ids(notToSync));
            await("the table holds every transaction of the book").atMost(Duration.ofSeconds(45))
                    .pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> {
                        Set<Long> table = tableIds();
                        assertThat(difference(expected, table)).as("missing from the table").isEmpty();
                        assertThat(difference(table, expected)).as("in the table, not in the sandbox").isEmpty();
                    });
            System.out.printf("%d webhooks posted round-robin (%s), %d new transactions announced%n",
                    webhooks.sent.get(), webhooks.answers, announced.size());
            assertThat(webhooks.answers).containsKey("200 {\"status\":\"duplicate\"}");
            reportLatency(announced);

            try (Connection conn = DriverManager.getConnection(jdbcUrl, "sa", ""); Statement s = conn.createStatement()) {
                assertThat(single(s, "SELECT COUNT(*) FROM finsify_transaction")).isEqualTo(expected.size());
                long rewritten = single(s, "SELECT COUNT(*) FROM finsify_transaction WHERE writes > 1");
                long extraWrites = single(s, "SELECT COALESCE(SUM(writes - 1), 0) FROM finsify_transaction");
                System.out.printf("after fail-over: %d transactions, by %s %d, by %s %d; %d rows written more than once "
                                  + "(%d extra writes) at the crash edge, invisible thanks to the upsert%n",
                        expected.size(), first.nodeId, writtenBy(s, first.nodeId), leader.nodeId,
                        writtenBy(s, leader.nodeId), rewritten, extraWrites);
                // only the logins in flight at the kill are delivered again: at most a save interval (100 changes)
                // per account of each
                int maxAccounts = logins.stream().mapToInt(l -> l.accountIds().size()).max().orElseThrow();
                assertThat(extraWrites).isLessThanOrEqualTo(100L * MAX_CONCURRENT_LOGINS * maxAccounts);
                assertThat(single(s, "SELECT COUNT(*) FROM finsify_transaction WHERE writes > 1 AND written_by = '"
                                  + first.nodeId + "'"))
                        .isZero();
            }
        }

        for (ClusterInstance instance : instances) {
            String log = instance.log();
            assertThat(log).as(instance + " logs where it calls").contains("Finsify API " + sandbox.baseUrl());
            assertThat(log).doesNotContain(sandbox.serviceSecret()).doesNotContain(WEBHOOK_TOKEN)
                    .doesNotContain(secretKey);
            for (SandboxLogin login : logins) {
                assertThat(log).doesNotContain(login.secret());
            }
        }
    }

    private ClusterInstance start(String nodeId) throws IOException {
        Map<String, String> settings = new HashMap<>();
        settings.put("cluster.zookeeper", zooKeeper.getConnectString());
        settings.put("cluster.session-timeout-ms", Long.toString(SESSION_TIMEOUT_MS));
        settings.put("cluster.jdbc-url", jdbcUrl);
        settings.put("finsify.reconciliation-interval", RECONCILIATION.toMillis() + "ms");
        settings.put("finsify.max-concurrent-logins", Integer.toString(MAX_CONCURRENT_LOGINS));
        settings.put("finsify.initial-from-date", FROM.toString());
        Map<String, String> environment = Map.of(
                "FINSIFY_BASE_URL", sandbox.baseUrl(),
                "FINSIFY_CLIENT_ID", sandbox.clientId(),
                "FINSIFY_SERVICE_SECRET", sandbox.serviceSecret(),
                "FINSIFY_WEBHOOK_TOKEN", WEBHOOK_TOKEN,
                "FINSIFY_LOGIN_SECRET_KEY", secretKey);
        ClusterInstance instance = ClusterInstance.start(nodeId, freePort(), dir, settings, environment);
        instances.add(instance);
        return instance;
    }

    /** The partner's connect route would have put them there: the book, secrets encrypted. */
    private void fillTheBook(List<SandboxLogin> logins) throws Exception {
        JdbcConnectionPool pool = JdbcConnectionPool.create(jdbcUrl, "sa", "");
        try {
            JdbcLoginDirectory book = new JdbcLoginDirectory(pool, secretKey);
            book.start();
            for (SandboxLogin login : logins) {
                book.save(new DirectoryLogin(login.loginId(), login.secret(), login.customerId()));
            }
            book.stop();
        } finally {
            pool.dispose();
        }
    }

    private List<SandboxTransaction> addOneToEachAccount(SandboxLogin login) {
        List<SandboxTransaction> added = new ArrayList<>();
        for (long accountId : login.accountIds()) {
            added.addAll(sandbox.addTransactions(accountId, 1));
        }
        return added;
    }

    /** From webhook answered to row written: how much sooner than the sweep a webhook brings a change. */
    private void reportLatency(Map<Long, Long> announced) throws SQLException {
        List<Long> latencies = new ArrayList<>();
        try (Connection conn = DriverManager.getConnection(jdbcUrl, "sa", "");
             Statement s = conn.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, written_at FROM finsify_transaction WHERE writes = 1")) {
            while (rs.next()) {
                Long answeredAt = announced.get(rs.getLong(1));
                if (answeredAt != null) {
                    latencies.add(Math.max(0, rs.getTimestamp(2).getTime() - answeredAt));
                }
            }
        }
        latencies.sort(null);
        if (!latencies.isEmpty()) {
            System.out.printf("webhook to row: median %d ms, 95th percentile %d ms, max %d ms (%d transactions; the "
                              + "sweep visits each login every %d s)%n", latencies.get(latencies.size() / 2),
                    latencies.get(latencies.size() * 95 / 100), latencies.get(latencies.size() - 1), latencies.size(),
                    RECONCILIATION.toSeconds());
        }
    }

    private Set<Long> expectedIds(List<SandboxLogin> logins) {
        Set<Long> ids = new HashSet<>();
        for (SandboxLogin login : logins) {
            for (long accountId : login.accountIds()) {
                for (SandboxTransaction tx : sandbox.transactions(accountId)) {
                    if (!tx.date().isBefore(FROM)) {
                        ids.add(tx.id());
                    }
                }
            }
        }
        return ids;
    }

    private static Set<Long> difference(Set<Long> a, Set<Long> b) {
        Set<Long> d = new HashSet<>(a);
        d.removeAll(b);
        return d;
    }

    private boolean leadsQuietly(ClusterInstance instance) {
        try {
            return instance.leads();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<Long> ids(List<SandboxTransaction> transactions) {
        Set<Long> ids = new HashSet<>();
        transactions.forEach(t -> ids.add(t.id()));
        return ids;
    }

    private Set<Long> tableIds() throws SQLException {
        Set<Long> ids = new HashSet<>();
        try (Connection conn = DriverManager.getConnection(jdbcUrl, "sa", ""); Statement s = conn.createStatement();
             ResultSet rs = s.executeQuery("SELECT id FROM finsify_transaction")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    private Instant lastWriteOf(SandboxLogin login) throws SQLException {
        try (Connection conn = DriverManager.getConnection(jdbcUrl, "sa", ""); Statement s = conn.createStatement();
             ResultSet rs = s.executeQuery("SELECT MAX(written_at) FROM finsify_transaction WHERE login_id = "
                                           + login.loginId())) {
            rs.next();
            return Optional.ofNullable(rs.getTimestamp(1)).map(Timestamp::toInstant).orElse(Instant.EPOCH);
        }
    }

    private long rowCount() {
        try (Connection conn = DriverManager.getConnection(jdbcUrl, "sa", ""); Statement s = conn.createStatement()) {
            return single(s, "SELECT COUNT(*) FROM finsify_transaction");
        } catch (SQLException e) {
            return 0; // the table is not there yet
        }
    }

    private static long writtenBy(Statement s, String nodeId) throws SQLException {
        return single(s, "SELECT COUNT(*) FROM finsify_transaction WHERE written_by = '" + nodeId + "'");
    }

    private static long single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
