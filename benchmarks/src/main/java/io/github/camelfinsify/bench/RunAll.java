package io.github.camelfinsify.bench;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.github.camelfinsify.sync.SyncBenchmark;

/**
 * Runs every benchmark of this module in one go and writes {@code results/latest.json} and {@code results/latest.md}
 * (same figures), plus the raw JMH / wrk / child outputs under {@code results/raw/}.
 *
 * <pre>
 * RunAll RESULTS_DIR [quick] [profile] [only=producer,sync,streaming,webhook,sweep]
 * </pre>
 *
 * {@code quick} shortens every run (a smoke test of the harness; its figures are not worth publishing). The sweep of
 * a partner's book writes {@code results/sweep.json} and {@code results/sweep.md} (raw outputs in
 * {@code results/raw/sweep/}) and its plot into {@code docs/}: a run of the sweep alone leaves the other parts'
 * {@code latest.*} as they were. {@code profile} adds a run of the largest sweep under JFR.
 */
public final class RunAll {

    static final String COMMAND = "benchmarks/run.sh";

    public static void main(String[] args) throws Exception {
        Path results = Path.of(args.length > 0 ? args[0] : "results").toAbsolutePath();
        // the options may arrive as one argument (mvn -Dbench.args="quick only=sync")
        List<String> rest = Arrays.stream(args).skip(1).flatMap(a -> Arrays.stream(a.trim().split("\\s+")))
                .filter(a -> !a.isBlank()).toList();
        boolean quick = rest.contains("quick");
        boolean profile = rest.contains("profile");
        Set<String> only = new TreeSet<>(List.of("producer", "sync", "streaming", "webhook", "sweep"));
        for (String arg : rest) {
            if (arg.startsWith("only=")) {
                only = new TreeSet<>(Arrays.asList(arg.substring(5).split(",")));
            }
        }
        Path raw = results.resolve("raw");
        Path work = Files.createTempDirectory("finsify-bench");
        Files.createDirectories(raw);
        boolean others = only.stream().anyMatch(part -> !part.equals("sweep"));
        if (others) {
            clear(raw);
        }

        JmhBench.Settings producerSettings = quick ? new JmhBench.Settings(1, 2, 1) : new JmhBench.Settings(4, 5, 2);
        JmhBench.Settings syncSettings = quick ? new JmhBench.Settings(1, 2, 1) : new JmhBench.Settings(3, 5, 2);
        WebhookBench.Settings webhookSettings = quick ? new WebhookBench.Settings(2, 1, 3, 8)
                : new WebhookBench.Settings(5, 3, 8, 8);

        Instant started = Instant.now();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("generatedAt", started.truncatedTo(ChronoUnit.SECONDS).toString());
        out.put("command", COMMAND + (quick ? " quick" : ""));
        out.put("quick", quick);
        out.put("machine", Machine.describe());
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("producer", "interleaved: " + (quick ? "3 + 6" : INTERLEAVED_WARMUP + " + " + INTERLEAVED_ROUNDS)
                                 + " rounds (warm-up + measured) of the 12 calls (5 variants x 2 operations, and "
                                 + "the finsify calls again as the noise gauge), " + INTERLEAVED_TURN_MS
                                 + " ms each, order shuffled every round (seeded), forked JVM -Xmx1g; 1 client thread pinned with the canned "
                                 + "server to CPU " + SHARED_CPU + (ChildProcess.canPin() ? "" : " (taskset missing: unpinned)")
                                 + ", then 2 client threads in another JVM on both CPUs (unpinned)"
                                 + "; JMH cross-check (unpinned): "
                                 + producerSettings.describe() + "; canned server: 1 Vert.x event loop, separate JVM");
        settings.put("sync", syncSettings.describe());
        settings.put("streaming", "one forked JVM per mode and heap, one parse of 1,000,000 transactions each, "
                                  + "G1 (default), -XX:+ExitOnOutOfMemoryError");
        settings.put("webhook", webhookSettings.describe());
        out.put("settings", settings);

        if (only.contains("producer") || only.contains("sync") || only.contains("streaming")) {
            System.out.println("Starting the canned server ...");
            // the canned server lives on CPU 1; the interleaved producer client joins it there (see interleaved())
            try (ChildProcess server = ChildProcess.startServer(SHARED_CPU, List.of("-Xms1g", "-Xmx1g"),
                    CannedServer.class.getName(), only.contains("streaming") ? List.of() : List.of("--no-million"),
                    raw.resolve("canned-server.txt"), 120)) {
                int port = server.port();
                if (only.contains("producer")) {
                    phase("producer", "Producer overhead (interleaved, paired) ...");
                    Map<String, Object> interleaved = interleaved(port, quick, raw, 1);
                    phase("producer2", "Producer overhead, 2 client threads (interleaved, paired) ...");
                    Map<String, Object> interleaved2 = interleaved(port, quick, raw, 2);
                    phase("producerJmh", "Producer overhead (JMH cross-check) ...");
                    var rows = JmhBench.run(ProducerBenchmark.class, port, producerSettings,
                            raw.resolve("jmh-producer.txt"), work);
                    Map<String, Object> producer = new LinkedHashMap<>();
                    producer.put("interleaved", interleaved);
                    producer.put("interleaved2", interleaved2);
                    producer.put("jmh", producerSection(rows));
                    out.put("producer", producer);
                }
                if (only.contains("sync")) {
                    phase("sync", "Sync feed (JMH) ...");
                    var rows = JmhBench.run(SyncBenchmark.class, port, syncSettings, raw.resolve("jmh-sync.txt"),
                            work);
                    out.put("sync", syncSection(rows));
                }
                if (only.contains("streaming")) {
                    phase("streaming", "Streaming 1,000,000 transactions (forked JVMs) ...");
                    out.put("streaming", StreamingBench.run(port, raw));
                }
            }
        }
        if (only.contains("webhook")) {
            phase("webhook", "Webhook intake (wrk) ...");
            out.put("webhook", WebhookBench.run(webhookSettings, raw, work));
        }
        if (others) {
            out.put("durationSeconds", ChronoUnit.SECONDS.between(started, Instant.now()));
            out.put("loadAverages", LOADS);
            out.put("ratios", Report.ratios(out));
            write(results, "latest", out, Report.markdown(out));
        }
        if (only.contains("sweep")) {
            sweep(results, raw.resolve("sweep"), work, quick, profile, rest);
        }
        System.exit(0);
    }

    private static void sweep(Path results, Path raw, Path work, boolean quick, boolean profile, List<String> args)
            throws Exception {
        Instant started = Instant.now();
        LOADS.clear();
        Files.createDirectories(raw);
        clear(raw);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("generatedAt", started.truncatedTo(ChronoUnit.SECONDS).toString());
        meta.put("command", COMMAND + " " + String.join(" ", args));
        meta.put("quick", quick);
        meta.put("machine", Machine.describe());
        // the plot goes with the docs that show it; a results folder outside a checkout keeps it
        Path docs = results.getParent() == null ? null : results.getParent().resolveSibling("docs");
        Path png = (docs != null && Files.isDirectory(docs) ? docs : results).resolve(SWEEP_PLOT);
        Map<String, Object> section = SweepBench.run(quick, profile, raw, work, quick ? null : png);
        section.put("ratios", SweepReport.ratios(section));
        meta.put("durationSeconds", ChronoUnit.SECONDS.between(started, Instant.now()));
        meta.put("loadAverages", LOADS);
        Map<String, Object> out = new LinkedHashMap<>(meta);
        out.put("sweep", section);
        write(results, "sweep", out, SweepReport.markdown(meta, section));
    }

    static final String SWEEP_PLOT = "sweep-scaling.png";

    private static void write(Path results, String name, Map<String, Object> out, String markdown) throws Exception {
        Files.createDirectories(results);
        Files.writeString(results.resolve(name + ".json"),
                BenchJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(out) + "\n", StandardCharsets.UTF_8);
        Files.writeString(results.resolve(name + ".md"), markdown, StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(markdown);
    }

    /** Deletes the files of a folder of raw outputs (not its sub-folders: the sweep keeps its own). */
    private static void clear(Path dir) throws Exception {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                if (Files.isRegularFile(p)) {
                    Files.delete(p);
                }
            }
        }
    }

    /** 1-minute load average when each part started: other processes on the machine show up here. */
    static final Map<String, Object> LOADS = new LinkedHashMap<>();

    static void phase(String name, String message) {
        System.out.println(message);
        LOADS.put(name, Math.round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() * 100) / 100.0);
    }

    static final String SHARED_CPU = "1";
    static final int INTERLEAVED_WARMUP = 20;
    static final int INTERLEAVED_ROUNDS = 40;
    static final int INTERLEAVED_TURN_MS = 250;

    private static Map<String, Object> interleaved(int port, boolean quick, Path raw, int threads) throws Exception {
        // 1 thread: client and server pinned to the same CPU: each call then costs client CPU + server CPU + two
        // context switches, whatever the scheduler does, so calls/s reflect the client's cost. Unpinned, calls/s swing
        // 10x with where the scheduler puts the two threads (cross-CPU wake-ups in this VM); the JMH cross-check runs
        // so. 2 threads: what a route with concurrent callers gets from both CPUs, so the client is not pinned.
        List<String> command = ChildProcess.javaCommand(threads == 1 ? SHARED_CPU : null,
                List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC"),
                ProducerInterleaved.class.getName(), List.of(Integer.toString(port),
                        Integer.toString(quick ? 3 : INTERLEAVED_WARMUP), Integer.toString(quick ? 6 : INTERLEAVED_ROUNDS),
                        Integer.toString(INTERLEAVED_TURN_MS), Integer.toString(threads)));
        Path log = raw.resolve(threads == 1 ? "producer-interleaved.txt" : "producer-interleaved-" + threads + ".txt");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(600, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the interleaved producer run did not finish in 600 s; see " + log);
        }
        for (String line : Files.readAllLines(log)) {
            if (line.startsWith("RESULT ")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> result = BenchJson.MAPPER.readValue(line.substring(7), Map.class);
                return result;
            }
        }
        throw new IllegalStateException("the interleaved producer run printed no result; see " + log);
    }

    private static Map<String, Object> producerSection(Map<String, Map<String, Object>> rows) {
        Map<String, Object> section = new LinkedHashMap<>();
        for (String op : List.of("Accounts", "Transactions50")) {
            Map<String, Object> variants = new LinkedHashMap<>();
            variants.put("finsify", rows.get("finsify" + op));
            variants.put("camelHttp", rows.get("camelHttp" + op));
            variants.put("httpClient", rows.get("httpClient" + op));
            variants.put("camelHttpMap", rows.get("camelHttpMap" + op));
            variants.put("httpClientTree", rows.get("httpClientTree" + op));
            section.put(op.equals("Accounts") ? "accounts" : "transactions50", variants);
        }
        return section;
    }

    private static Map<String, Object> syncSection(Map<String, Map<String, Object>> rows) throws Exception {
        Map<String, Object> section = new LinkedHashMap<>(rows);
        LocalDate today = LocalDate.now();
        var window = SyncBenchmark.window(today);
        String full = SyncBenchmark.fullState(window, today);
        Map<String, Object> size = new LinkedHashMap<>();
        size.put("transactionsInWindow", window.size());
        size.put("stateBytes", full.getBytes(StandardCharsets.UTF_8).length);
        size.put("bytesPerTransaction", (double) full.getBytes(StandardCharsets.UTF_8).length / window.size());
        section.put("stateSizePerAccount", size);
        return section;
    }

    /** The machine the figures came from. */
    static final class Machine {
        static Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("cpus", Runtime.getRuntime().availableProcessors());
            m.put("cpuModel", firstValue("/proc/cpuinfo", "model name"));
            m.put("memory", firstValue("/proc/meminfo", "MemTotal"));
            m.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
            m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"));
            m.put("jvmArgsOfRunner", ManagementFactory.getRuntimeMXBean().getInputArguments());
            m.put("loadAverageAtStart", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            return m;
        }

        private static String firstValue(String file, String key) {
            try {
                for (String line : Files.readAllLines(Path.of(file))) {
                    if (line.startsWith(key)) {
                        return line.substring(line.indexOf(':') + 1).trim();
                    }
                }
            } catch (Exception ignored) {
                // not Linux
            }
            return "unknown";
        }
    }

}
