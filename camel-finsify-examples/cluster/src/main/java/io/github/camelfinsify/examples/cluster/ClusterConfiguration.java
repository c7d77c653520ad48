package io.github.camelfinsify.examples.cluster;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.github.camelfinsify.jdbc.JdbcLoginDirectory;
import io.github.camelfinsify.jdbc.JdbcLoginStatusStore;
import io.github.camelfinsify.jdbc.JdbcStateRepository;
import io.github.camelfinsify.jdbc.JdbcSyncRequests;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.cluster.CamelClusterView;
import org.apache.camel.component.zookeeper.ZooKeeperCuratorConfiguration;
import org.apache.camel.component.zookeeper.cluster.ZooKeeperClusterService;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.h2.jdbcx.JdbcConnectionPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared pieces of every instance: the database (the book of logins, the sync state, the login statuses, the
 * webhooks' sync requests, the delivered webhook events and the transactions) and the ZooKeeper cluster service that
 * elects the one instance that syncs.
 */
public class ClusterConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterConfiguration.class);

    static final String NAMESPACE = "finsify-sync";

    @PropertyInject("cluster.jdbc-url")
    private String jdbcUrl;
    @PropertyInject(value = "cluster.jdbc-user", defaultValue = "sa")
    private String jdbcUser;
    @PropertyInject(value = "cluster.jdbc-password", defaultValue = "")
    private String jdbcPassword;
    @PropertyInject("cluster.node-id")
    private String nodeId;
    @PropertyInject("cluster.zookeeper")
    private String zooKeeper;
    @PropertyInject(value = "cluster.session-timeout-ms", defaultValue = "4000")
    private long sessionTimeoutMs;
    @PropertyInject("finsify.login-secret-key")
    private String loginSecretKey;
    @PropertyInject("camel.component.finsify.base-url")
    private String finsifyBaseUrl;
    @PropertyInject(value = "camel.server.port", defaultValue = "8080")
    private int serverPort;

    @BindToRegistry("dataSource")
    public DataSource dataSource() {
        JdbcConnectionPool pool = JdbcConnectionPool.create(jdbcUrl, jdbcUser, jdbcPassword);
        pool.setMaxConnections(20);
        createSchema(pool);
        return pool;
    }

    /** The partner's book: every login to keep in sync, its secret encrypted under the shared key. */
    @BindToRegistry("book")
    public JdbcLoginDirectory book(DataSource dataSource) {
        return new JdbcLoginDirectory(dataSource, loginSecretKey);
    }

    @BindToRegistry("syncState")
    public JdbcStateRepository syncState(DataSource dataSource) {
        return new JdbcStateRepository(dataSource);
    }

    /** A login-status webhook received by any instance is obeyed by the one that syncs. */
    @BindToRegistry("loginStatuses")
    public JdbcLoginStatusStore loginStatuses(DataSource dataSource) {
        return new JdbcLoginStatusStore(dataSource);
    }

    /** A new-transactions webhook received by any instance is synced by the leader, next. */
    @BindToRegistry("syncRequests")
    public JdbcSyncRequests syncRequests(DataSource dataSource) {
        return new JdbcSyncRequests(dataSource);
    }

    /** Webhook events by referenceId: an event Finsify sends twice is delivered once, whichever instances get it. */
    @BindToRegistry("webhookEvents")
    public JdbcMessageIdRepository webhookEvents(DataSource dataSource) {
        return new JdbcMessageIdRepository(dataSource, "finsify-webhook");
    }

    @Override
    public void configure(CamelContext camelContext) throws Exception {
        ZooKeeperCuratorConfiguration zk = new ZooKeeperCuratorConfiguration();
        zk.setNodes(zooKeeper);
        zk.setBasePath("/camel/finsify-cluster");
        // how long a killed leader keeps the lead: ZooKeeper ends its session after this much silence
        zk.setSessionTimeout(sessionTimeoutMs, TimeUnit.MILLISECONDS);
        // below the session time-out, or Curator warns at every connect
        zk.setConnectionTimeout(Math.min(sessionTimeoutMs / 2, 15_000), TimeUnit.MILLISECONDS);
        ZooKeeperClusterService cluster = new ZooKeeperClusterService(zk);
        cluster.setId(nodeId);
        cluster.setCamelContext(camelContext);
        camelContext.addService(cluster);
        CamelClusterView view = cluster.getView(NAMESPACE);
        LeadershipLog leadership = new LeadershipLog(nodeId, view);
        view.addEventListener(leadership);
        camelContext.addStartupListener(leadership);
        // said loudly: the summary of Camel Main shows placeholders, not where the calls go
        LOG.info("Instance {}: ZooKeeper {}, database {}, Finsify API {}, webhooks on port {}", nodeId, zooKeeper,
                jdbcUrl, finsifyBaseUrl, serverPort);
    }

    /** Every instance runs this at start-up; IF NOT EXISTS makes it safe to repeat. */
    static void createSchema(DataSource dataSource) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TABLE IF NOT EXISTS finsify_transaction (
                        id          BIGINT PRIMARY KEY,
                        account_id  BIGINT NOT NULL,
                        login_id    BIGINT,
                        tx_date     DATE,
                        amount      DECIMAL(19, 4),
                        currency    VARCHAR(8),
                        description VARCHAR(2000),
                        category    VARCHAR(64),
                        writes      INT NOT NULL,
                        written_by  VARCHAR(64),
                        written_at  TIMESTAMP
                    )""");
            // JdbcMessageIdRepository's table, with the primary key that makes two replicas racing on one event
            // deliver it once (the repository's own CREATE TABLE has none)
            s.execute("""
                    CREATE TABLE IF NOT EXISTS CAMEL_MESSAGEPROCESSED (
                        processorName VARCHAR(255) NOT NULL,
                        messageId     VARCHAR(100) NOT NULL,
                        createdAt     TIMESTAMP,
                        PRIMARY KEY (processorName, messageId)
                    )""");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the example's tables: " + e.getMessage(), e);
        }
    }
}
