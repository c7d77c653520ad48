package io.github.camelfinsify.docs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One bash process for all shell blocks of a page, so that the blocks share what a reader's terminal would keep:
 * variables, functions, the current directory, background jobs.
 * <p>
 * Each block is written to a file and sourced with {@code set -e -o pipefail}: the first failing command ends the
 * session, and an ERR trap reports the file and line of that command, which {@link #run} maps back to the doc. The
 * session runs in a process group of its own ({@code setsid}), so {@link #close()} ends every process the page
 * started, background servers included.
 */
public final class ShellSession implements AutoCloseable {

    private static final String END = "@@DOCS-BLOCK-END@@";
    private static final String FAIL = "@@DOCS-BLOCK-FAILED@@";
    private static final Pattern END_LINE = Pattern.compile(Pattern.quote(END) + " (\\d+) (.*)$");
    private static final Pattern FAIL_LINE = Pattern.compile(Pattern.quote(FAIL) + " (.*?):(\\d+): (.*)");
    private static final Object EOF = new Object();

    private final Process process;
    private final Writer stdin;
    private final Path blockDir;
    private final Path log;
    private final LinkedBlockingQueue<Object> lines = new LinkedBlockingQueue<>();
    private Path currentDirectory;
    private boolean ended;

    /** What a block did. */
    public record Outcome(boolean succeeded, String output, String failure, int failedLine, Path currentDirectory) {
    }

    public ShellSession(Path workDir, Map<String, String> environment, Path blockDir, Path log) throws IOException {
        this.blockDir = Files.createDirectories(blockDir);
        this.log = log;
        this.currentDirectory = workDir;
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder("setsid", "bash", "--noprofile", "--norc", "-s")
                .directory(workDir.toFile())
                .redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment);
        process = builder.start();
        stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::pumpOutput, "docs-shell-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        send("exec 2>&1\nset -eE -o pipefail\n"
             + "trap 'echo \"" + FAIL + " ${BASH_SOURCE[0]}:$LINENO: $BASH_COMMAND (exit $?)\"' ERR\n"
             // a documented call that the server answers with an error fails its block, body shown
             + "curl() { command curl --fail-with-body \"$@\"; }\n");
    }

    /** Runs one block; a failure ends the session (later blocks of the page cannot run without its state). */
    public Outcome run(String name, String script, Duration timeout) throws IOException, InterruptedException {
        if (ended) {
            return new Outcome(false, "", "the shell of this page ended at an earlier block", 0, currentDirectory);
        }
        Path file = blockDir.resolve(name + ".sh");
        Files.writeString(file, script);
        send("echo '==== " + name + "'; source '" + file + "' < /dev/null; echo \"" + END + " $? $(pwd)\"\n");
        StringBuilder output = new StringBuilder();
        String failure = null;
        int failedLine = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Object next = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
            if (next == null) {
                ended = true;
                close();
                return new Outcome(false, output.toString(), "timed out after " + timeout.toSeconds() + " s (a server"
                        + " left in the foreground? start it with & and wait for the line it prints when ready)",
                        0, currentDirectory);
            }
            if (next == EOF) {
                ended = true;
                String why = failure != null ? failure : "the shell exited (exit " + waitForExit() + ")";
                return new Outcome(false, output.toString(), why, failedLine, currentDirectory);
            }
            String line = (String) next;
            // what a command printed without a final newline (Maven's closing escape codes) precedes the marker
            Matcher end = END_LINE.matcher(line);
            if (end.find()) {
                output.append(line, 0, end.start());
                currentDirectory = Path.of(end.group(2));
                return new Outcome(true, output.toString(), null, 0, currentDirectory);
            }
            Matcher fail = FAIL_LINE.matcher(line);
            if (fail.find()) {
                output.append(line, 0, fail.start());
                if (failure == null && Path.of(fail.group(1)).equals(file)) {
                    failure = fail.group(3);
                    failedLine = Integer.parseInt(fail.group(2));
                } else if (failure == null) {
                    failure = fail.group(3);
                }
                continue;
            }
            output.append(line).append('\n');
        }
    }

    public Path currentDirectory() {
        return currentDirectory;
    }

    private void send(String text) throws IOException {
        try {
            stdin.write(text);
            stdin.flush();
        } catch (IOException e) {
            // the shell is gone: run() reports that through EOF
        }
    }

    private void pumpOutput() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
             Writer out = Files.newBufferedWriter(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.write(line);
                out.write('\n');
                out.flush();
                lines.add(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lines.add(EOF);
        }
    }

    private int waitForExit() {
        try {
            return process.waitFor(10, TimeUnit.SECONDS) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Ends the shell and every process of its group: background servers, Maven, the JVMs they started. */
    @Override
    public void close() {
        List<ProcessHandle> started = new ArrayList<>(process.descendants().toList());
        signalGroup("-TERM");
        started.forEach(ProcessHandle::destroy);
        process.destroy();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        for (ProcessHandle handle : started) {
            try {
                handle.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                handle.destroyForcibly();
            }
        }
        signalGroup("-KILL");
        process.destroyForcibly();
        waitForExit();
    }

    private void signalGroup(String signal) {
        try {
            new ProcessBuilder("kill", signal, "--", "-" + process.pid())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            // no kill(1): the descendants were signalled one by one
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
