package io.github.camelfinsify.examples.cluster;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.curator.test.TestingServer;

/**
 * A single ZooKeeper server in this JVM, for trying the example on one machine: Curator's {@code TestingServer}, a
 * real ZooKeeper, with its data in a temporary directory that goes with it. Production runs an ensemble of three or
 * five.
 * <pre>
 * java -cp ... io.github.camelfinsify.examples.cluster.DevZooKeeper [port]    (0 or none: a free port)
 * </pre>
 * It prints {@code ZooKeeper listening on localhost:<port>} and serves until the JVM stops.
 */
public final class DevZooKeeper {

    private DevZooKeeper() {
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        Path data = Files.createTempDirectory("dev-zookeeper");
        TestingServer server = new TestingServer(port, data.toFile(), true);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("ZooKeeper did not stop cleanly: " + e.getMessage());
            }
        }));
        System.out.println("ZooKeeper listening on " + server.getConnectString());
        Thread.currentThread().join();
    }
}
