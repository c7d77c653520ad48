package io.github.camelfinsify.sandbox;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * {@link FinsifySandboxMain} in a JVM of its own, with the module's class path as {@code exec:java} runs it
 * (the test classes left out), its output (stdout and stderr) collected line by line.
 */
final class StandaloneProcess implements AutoCloseable {

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private StandaloneProcess(Process process) {
        this.process = process;
        this.reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                out.lines().forEach(lines::add);
            } catch (IOException | UncheckedIOException e) {
                // the process is gone: what it printed is collected
            }
        }, "standalone-sandbox-output");
        reader.setDaemon(true);
        reader.start();
    }

    static StandaloneProcess start(String... args) {
        return start(List.of(), args);
    }

    static StandaloneProcess start(List<String> jvmOptions, String... args) {
        String testClasses = Path.of("target", "test-classes").toAbsolutePath().toString();
        String classPath = Arrays.stream(System.getProperty("surefire.test.class.path",
                        System.getProperty("java.class.path")).split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).toAbsolutePath().toString().equals(testClasses))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath, FinsifySandboxMain.class.getName()));
        command.addAll(List.of(args));
        try {
            return new StandaloneProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Everything printed so far. */
    List<String> lines() {
        return List.copyOf(lines);
    }

    String output() {
        return String.join("\n", lines);
    }

    /** Waits for a line that matches, and answers it. */
    String awaitLine(Predicate<String> matching) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> lines.stream().anyMatch(matching) || !process.isAlive());
        return lines.stream().filter(matching).findFirst()
                .orElseThrow(() -> new AssertionError("The sandbox exited with " + process.exitValue()
                        + " without printing the line; it printed:\n" + output()));
    }

    /** Waits for the process to end and answers its exit code; its output is then complete. */
    int awaitExit() throws InterruptedException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("The sandbox is still running; it printed:\n" + output());
        }
        reader.join(TimeUnit.SECONDS.toMillis(10));
        return process.exitValue();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Stops it as Ctrl+C would (SIGTERM: the shutdown hook runs). */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(15, TimeUnit.SECONDS);
        }
    }
}
