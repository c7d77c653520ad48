package io.github.camelfinsify.examples.cluster;

import java.util.Arrays;

import org.apache.camel.main.Main;

/**
 * One instance of the scaled-out sync: run two or more, with the same ZooKeeper and database. Every instance receives
 * webhooks; exactly one of them syncs the book at any time.
 * <p>
 * Settings come from {@code application.properties}, which takes the Finsify API and the secrets from the environment
 * ({@code FINSIFY_BASE_URL}, {@code FINSIFY_CLIENT_ID}, {@code FINSIFY_SERVICE_SECRET}, {@code FINSIFY_WEBHOOK_TOKEN},
 * {@code FINSIFY_LOGIN_SECRET_KEY}), and from arguments {@code --key=value}, which win:
 * <pre>
 * java -cp ... io.github.camelfinsify.examples.cluster.ClusterApp --cluster.node-id=a --camel.server.port=8081 \
 *     --cluster.zookeeper=zk1:2181,zk2:2181,zk3:2181 --cluster.jdbc-url=jdbc:h2:tcp://db-host:9092/./finsify
 * </pre>
 */
public final class ClusterApp {

    private ClusterApp() {
    }

    public static void main(String[] args) throws Exception {
        Main main = new Main();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("Arguments are --key=value, e.g. --cluster.node-id=a; not " + arg);
            }
            int eq = arg.indexOf('=');
            main.addOverrideProperty(arg.substring(2, eq), arg.substring(eq + 1));
        }
        if (Arrays.stream(args).noneMatch(a -> a.startsWith("--cluster.node-id="))) {
            main.addInitialProperty("cluster.node-id", "node-" + ProcessHandle.current().pid());
        }
        main.configure().addConfiguration(ClusterConfiguration.class);
        main.configure().addRoutesBuilder(new ClusterRoutes());
        main.run();
    }
}
