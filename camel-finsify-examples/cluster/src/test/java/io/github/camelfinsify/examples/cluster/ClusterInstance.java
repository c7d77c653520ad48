package io.github.camelfinsify.examples.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One {@link ClusterApp} in a JVM of its own, as in production, with its output in a log file. */
final class ClusterInstance {

    final String nodeId;
    final int port;
    final Path log;
    private final Process process;

    private ClusterInstance(String nodeId, int port, Path log, Process process) {
        this.nodeId = nodeId;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /** Settings as arguments; the API and the secrets through the environment, as docs/scaling.md says. */
    static ClusterInstance start(String nodeId, int port, Path dir, Map<String, String> settings,
                                 Map<String, String> environment) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java, "-Xmx192m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", classpath,
                ClusterApp.class.getName(), "--cluster.node-id=" + nodeId, "--camel.server.port=" + port));
        settings.forEach((key, value) -> command.add("--" + key + "=" + value));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(environment);
        Path log = dir.resolve(nodeId + ".log");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        return new ClusterInstance(nodeId, port, log, pb.start());
    }

    /** SIGKILL: no shutdown hook, no graceful stop, no goodbye to ZooKeeper. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The log so far; fails at once, with the log, when the instance died on its own. */
    String liveLog() throws IOException {
        if (!process.isAlive()) {
            throw new IllegalStateException("Instance " + nodeId + " exited with " + process.exitValue() + ":\n"
                                            + log());
        }
        return log();
    }

    String log() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    boolean leads() throws IOException {
        return liveLog().contains("Instance " + nodeId + " leads finsify-sync");
    }

    @Override
    public String toString() {
        return "instance " + nodeId + " (port " + port + ")";
    }
}
