package io.github.camelfinsify.bench;

import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The sweep of a partner's book at several sizes: one forked {@link SweepRun} JVM per size under a fixed heap, all
 * against one canned server (its own JVM, unpinned: the sweep uses both CPUs), then the plot. With {@code profile},
 * one more run at the largest size under Java Flight Recorder, reported by {@link SweepProfile}.
 */
final class SweepBench {

    static final List<Long> SIZES = List.of(1_000L, 10_000L, 100_000L);
    static final List<Long> QUICK_SIZES = List.of(1_000L, 3_000L);
    static final int THREADS = 4;
    static final String HEAP = "256m";
    /** The scheduler's delay: short, so that the pool is never starved by the wait for the next poll. */
    static final int DELAY_MILLIS = 1;
    private static final int RUN_TIMEOUT_MINUTES = 25;
    /** The pace check: the consumer's default delay, where the workers, not the polls, must set the pace. */
    static final int DEFAULT_DELAY_MILLIS = 500;
    static final long PACE_LOGINS = 400;

    private SweepBench() {
    }

    /**
     * Writes the report and the plot again from a results file (after a change of their layout):
     * {@code SweepBench results/sweep.json results/sweep.md docs/sweep-scaling.png}.
     */
    public static void main(String[] args) throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> results = BenchJson.MAPPER.readValue(Path.of(args[0]).toFile(), Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> section = (Map<String, Object>) results.remove("sweep");
        section.put("ratios", SweepReport.ratios(section));
        Files.writeString(Path.of(args[1]), SweepReport.markdown(results, section), StandardCharsets.UTF_8);
        plot(SweepReport.runs(section), Path.of(args[2]));
    }

    static String describe(boolean quick) {
        return "one forked JVM per book size " + (quick ? QUICK_SIZES : SIZES) + " (-Xmx" + HEAP
               + ", G1); directory and state in one H2 file database (HikariCP, " + (THREADS + 2) + " connections); "
               + "maxConcurrentLogins=" + THREADS + ", reconciliationInterval=1s, delay=" + DELAY_MILLIS
               + " ms, greedy; bare FinsifyClient calls from " + THREADS + " threads; sweep and bare calls alternate "
               + "in slices of " + SweepSlices.SLICE.toMillis() + " ms; warm-up: " + SweepRun.MIN_WARMUP_ROUNDS + " to "
               + SweepRun.MAX_WARMUP_ROUNDS + " rounds (until the JIT compiles for less than "
               + (int) (SweepRun.QUIET_JIT * 100) + " % of a round) of a first sync of " + SweepRun.WARMUP_LOGINS
               + " other logins and their bare calls; canned server: separate JVM, 1 Vert.x event loop, unpinned";
    }

    static Map<String, Object> run(boolean quick, boolean profile, Path raw, Path work, Path png) throws Exception {
        Files.createDirectories(raw);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("settings", describe(quick));
        List<Map<String, Object>> runs = new ArrayList<>();
        try (ChildProcess server = ChildProcess.startServer(null, List.of("-Xms512m", "-Xmx512m"),
                CannedServer.class.getName(), List.of("--no-million"), raw.resolve("canned-server.txt"), 120)) {
            List<Long> sizes = quick ? QUICK_SIZES : SIZES;
            long largest = sizes.get(sizes.size() - 1);
            for (long logins : sizes) {
                RunAll.phase("sweep" + logins, "Sweep of " + String.format("%,d", logins) + " logins (forked JVM, -Xmx"
                                               + HEAP + ") ...");
                runs.add(runOnce(server.port(), logins, raw, work, null, false, DELAY_MILLIS, List.of()));
            }
            out.put("runs", runs);
            if (!quick) {
                RunAll.phase("sweepPace", "Sweep of " + PACE_LOGINS + " logins at the default delay of "
                                          + DEFAULT_DELAY_MILLIS + " ms (the pace of the hand-out) ...");
                out.put("paceRun", runOnce(server.port(), PACE_LOGINS, raw, work, null, false, DEFAULT_DELAY_MILLIS,
                        List.of("-Dsweep.firstOnly=true")));
                RunAll.phase("sweepInMemory", "Sweep of " + String.format("%,d", largest)
                                              + " logins, directory and state in memory (what JDBC costs) ...");
                out.put("inMemoryRun", runOnce(server.port(), largest, raw, work, null, true, DELAY_MILLIS,
                        List.of()));
            }
            if (profile) {
                long logins = largest;
                RunAll.phase("sweepProfile", "Sweep of " + String.format("%,d", logins) + " logins under JFR ...");
                Path jfr = work.resolve("sweep-" + logins + ".jfr");
                Map<String, Object> profiled = runOnce(server.port(), logins, raw, work, jfr, false, DELAY_MILLIS,
                        List.of());
                out.put("profiledRun", profiled);
                out.put("profile", report(jfr, raw.resolve("profile-" + logins + ".txt")));
                Path reconciliation = work.resolve("sweep-" + logins + "-reconciliation.jfr");
                out.put("profileReconciliation", report(reconciliation,
                        raw.resolve("profile-" + logins + "-reconciliation.txt")));
            }
        }
        if (png != null && runs.size() > 1) {
            plot(runs, png);
            out.put("plot", png.getFileName().toString());
        }
        return out;
    }

    private static Map<String, Object> runOnce(int port, long logins, Path raw, Path work, Path jfr, boolean inMemory,
                                               int delayMillis, List<String> properties) throws Exception {
        String name = "sweep-" + logins + (jfr == null ? "" : "-jfr") + (inMemory ? "-in-memory" : "")
                      + (delayMillis == DELAY_MILLIS ? "" : "-delay-" + delayMillis);
        Path db = work.resolve(name + "-db");
        List<String> args = new ArrayList<>(List.of(Integer.toString(port), Long.toString(logins),
                Integer.toString(THREADS), Integer.toString(delayMillis), db.toString()));
        if (jfr != null) {
            args.add(jfr.toString());
        }
        List<String> jvm = new ArrayList<>(List.of("-Xmx" + HEAP, "-XX:+ExitOnOutOfMemoryError"));
        if (inMemory) {
            jvm.add("-Dsweep.store=memory");
        }
        jvm.addAll(properties);
        List<String> command = ChildProcess.javaCommand(jvm, SweepRun.class.getName(), args);
        Path log = raw.resolve(name + ".txt");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = process.waitFor(RUN_TIMEOUT_MINUTES, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        deleteTree(db); // tens of MB at 100,000 logins
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("heap", HEAP);
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (line.startsWith("RESULT ")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> parsed = BenchJson.MAPPER.readValue(line.substring(7), Map.class);
                result.putAll(parsed);
            }
        }
        boolean ok = result.containsKey("sweep");
        result.put("ok", ok);
        if (!ok) {
            String output = Files.readString(log, StandardCharsets.UTF_8);
            result.put("failure", !finished ? "timed out after " + RUN_TIMEOUT_MINUTES + " min"
                    : output.contains("OutOfMemoryError") ? "OutOfMemoryError at -Xmx" + HEAP
                    : "exit " + process.exitValue() + ", see " + log.getFileName());
            System.out.println("  FAILED: " + result.get("failure"));
        } else if (!properties.isEmpty()) {
            System.out.printf("  first sweep %.1f s, %,.0f calls/s, %.1f logins/s%n", SweepReport.num(result, "sweep",
                    "seconds"), SweepReport.num(result, "sweep", "callsPerSecond"),
                    logins / SweepReport.num(result, "sweep", "seconds"));
        } else {
            result.putAll(SweepReport.derived(result));
            System.out.printf("  sweep %,.0f calls/s vs bare %,.0f (%.2fx); reconciliation %.2fx; live heap %.0f MB%n",
                    SweepReport.num(result, "sweep", "callsPerSecond"), SweepReport.num(result, "bareCallsPerSecond"),
                    SweepReport.num(result, "ratio"), SweepReport.num(result, "reconciliationRatio"),
                    SweepReport.num(result, "resources", "liveHeapAtEndBytes") / (1024 * 1024));
        }
        return result;
    }

    private static void deleteTree(Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** Runs the JFR report in a JVM of its own (the recording can be large) into {@code out}. */
    private static String report(Path jfr, Path out) throws Exception {
        List<String> command = ChildProcess.javaCommand(List.of("-Xmx1g"), SweepProfile.class.getName(),
                List.of(jfr.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        if (!Boolean.getBoolean("sweep.keepJfr")) {
            Files.deleteIfExists(jfr); // ~100 MB; -Dsweep.keepJfr=true keeps it for JDK Mission Control
        }
        return out.getFileName().toString();
    }

    private static void plot(List<Map<String, Object>> runs, Path png) throws Exception {
        List<Map<String, Object>> ok = runs.stream().filter(r -> Boolean.TRUE.equals(r.get("ok"))).toList();
        double[] logins = ok.stream().mapToDouble(r -> ((Number) r.get("logins")).doubleValue()).toArray();
        double mb = 1024 * 1024;
        SweepPlot.Panel time = new SweepPlot.Panel("Wall time of one sweep", "seconds", List.of(
                new SweepPlot.Series("first sweep (every transaction new)", new Color(31, 119, 180), false,
                        values(ok, r -> SweepReport.num(r, "sweep", "seconds"))),
                new SweepPlot.Series("next sweep (nothing new)", new Color(44, 160, 44), false,
                        values(ok, r -> SweepReport.num(r, "reconciliation", "seconds"))),
                new SweepPlot.Series("same calls, bare FinsifyClient", Color.GRAY, true,
                        values(ok, r -> SweepReport.num(r, "bareSeconds")))), 0, null);
        SweepPlot.Panel heap = new SweepPlot.Panel("Heap of the sweeping JVM", "MB", List.of(
                new SweepPlot.Series("peak after any GC (upper bound)", new Color(255, 127, 14), false,
                        values(ok, r -> SweepReport.num(r, "resources", "peakHeapAfterAnyGcBytes") / mb)),
                new SweepPlot.Series("live at the end (full GC)", new Color(148, 103, 189), false,
                        values(ok, r -> SweepReport.num(r, "resources", "liveHeapAtEndBytes") / mb)),
                new SweepPlot.Series("live before the sweep", Color.GRAY, true,
                        values(ok, r -> ((Number) r.get("liveHeapBeforeSweepBytes")).doubleValue() / mb))),
                256, "-Xmx" + HEAP + " (target: 256 MB)");
        SweepPlot.Panel state = new SweepPlot.Panel("Sync state in the database", "MB", List.of(
                new SweepPlot.Series("state_value, all accounts", new Color(214, 39, 40), false,
                        values(ok, r -> SweepReport.num(r, "state", "bytes") / mb)),
                new SweepPlot.Series("H2 files (directory + state)", Color.GRAY, true,
                        values(ok, r -> ((Number) r.get("databaseFileBytes")).doubleValue() / mb))), 0, null);
        SweepPlot.write(png, List.of(String.format("benchmarks/run.sh only=sweep: each login 2-3 accounts of 3-5 "
                                                   + "transactions; maxConcurrentLogins=%d, -Xmx%s, directory and state "
                                                   + "in H2 (JDBC).", THREADS, HEAP),
                "One run on a shared 2-CPU machine, other builds running: see docs/performance.md."),
                logins, List.of(time, heap, state));
    }

    private static double[] values(List<Map<String, Object>> runs,
                                   ToDoubleFunction<Map<String, Object>> f) {
        return runs.stream().mapToDouble(f).toArray();
    }
}
