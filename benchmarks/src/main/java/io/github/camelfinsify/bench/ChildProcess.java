package io.github.camelfinsify.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A JVM started with this one's class path; its output goes to a log file, its first "PORT=" line is read. */
final class ChildProcess implements AutoCloseable {

    private final Process process;
    private final int port;

    private ChildProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static List<String> javaCommand(List<String> jvmArgs, String mainClass, List<String> args) {
        return javaCommand(null, jvmArgs, mainClass, args);
    }

    /** As above, pinned to the given CPUs (taskset -c) when taskset exists and there is more than one CPU. */
    static List<String> javaCommand(String cpus, List<String> jvmArgs, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        if (cpus != null && canPin()) {
            command.addAll(List.of("taskset", "-c", cpus));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    static boolean canPin() {
        return Runtime.getRuntime().availableProcessors() > 1 && Files.isExecutable(Path.of("/usr/bin/taskset"));
    }

    /** Starts a server-like child and waits (at most timeoutSeconds) for its "PORT=n" line. */
    static ChildProcess startServer(String cpus, List<String> jvmArgs, String mainClass, List<String> args, Path log,
                                    int timeoutSeconds) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(javaCommand(cpus, jvmArgs, mainClass, args))
                .redirectErrorStream(true);
        Process process = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        int[] port = { -1 };
        Thread reader = new Thread(() -> {
            try (var writer = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith("PORT=") && port[0] < 0) {
                        synchronized (port) {
                            port[0] = Integer.parseInt(line.substring(5).trim());
                            port.notifyAll();
                        }
                    }
                    writer.write(line);
                    writer.newLine();
                    writer.flush();
                }
            } catch (IOException ignored) {
                // the child ended
            }
        }, "child-output-" + mainClass);
        reader.setDaemon(true);
        reader.start();
        synchronized (port) {
            while (port[0] < 0 && process.isAlive() && System.nanoTime() < deadline) {
                port.wait(200);
            }
        }
        if (port[0] < 0) {
            process.destroyForcibly();
            throw new IOException(mainClass + " did not report its port within " + timeoutSeconds + " s; see " + log);
        }
        return new ChildProcess(process, port[0]);
    }

    int port() {
        return port;
    }

    @Override
    public void close() throws InterruptedException {
        try {
            process.getOutputStream().close(); // the child stops when its stdin closes
        } catch (IOException ignored) {
            // already gone
        }
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
