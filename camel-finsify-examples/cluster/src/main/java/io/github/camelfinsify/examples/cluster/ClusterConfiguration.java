package io.github.camelfinsify.examples.cluster;

import java.io.File;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.github.camelfinsify.jdbc.JdbcStateRepository;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.cluster.CamelClusterEventListener;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.h2.jdbcx.JdbcConnectionPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared pieces of every instance: the database (transactions and sync state) and the cluster service that elects
 * the one instance that polls.
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
    @PropertyInject("cluster.lock-dir")
    private String lockDir;
    @PropertyInject("cluster.node-id")
    private String nodeId;
    @PropertyInject(value = "cluster.acquire-lock-interval-ms", defaultValue = "1000")
    private long acquireLockIntervalMs;
    @PropertyInject("camel.component.finsify.base-url")
    private String finsifyBaseUrl;

    @BindToRegistry("dataSource")
    public DataSource dataSource() {
        JdbcConnectionPool pool = JdbcConnectionPool.create(jdbcUrl, jdbcUser, jdbcPassword);
        createSchema(pool);
        return pool;
    }

    @BindToRegistry("syncState")
    public JdbcStateRepository syncState(DataSource dataSource) {
        return new JdbcStateRepository(dataSource);
    }

    @Override
    public void configure(CamelContext camelContext) throws Exception {
        FileLockClusterService cluster = new FileLockClusterService();
        cluster.setId(nodeId);
        cluster.setRoot(new File(lockDir).getAbsolutePath());
        cluster.setAcquireLockDelay(acquireLockIntervalMs, TimeUnit.MILLISECONDS);
        cluster.setAcquireLockInterval(acquireLockIntervalMs, TimeUnit.MILLISECONDS);
        cluster.setHeartbeatTimeoutMultiplier(3);
        cluster.getView(NAMESPACE).addEventListener((CamelClusterEventListener.Leadership) (view, leader) ->
                LOG.info("Cluster {}: {} is the leader of {}{}", view.getClusterService().getId(),
                        leader == null ? "nobody" : leader.getId(), NAMESPACE,
                        view.getLocalMember().isLeader() ? " (this instance polls)" : ""));
        camelContext.addService(cluster);
        // said loudly: the summary of Camel Main shows the placeholder, not where the calls go
        LOG.info("Instance {}: lock directory {}, database {}, Finsify API {}", nodeId, cluster.getRoot(), jdbcUrl,
                finsifyBaseUrl);
    }

    /** Both instances run this at start-up; IF NOT EXISTS makes it safe to repeat. */
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
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create table finsify_transaction: " + e.getMessage(), e);
        }
    }
}
