package io.github.camelfinsify.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The sweep's derived figures and targets, and their Markdown rendering ({@code results/sweep.md}). */
final class SweepReport {

    static final double CALLS_TARGET = 0.8;
    static final double HEAP_TARGET_MB = 256;
    private static final double MB = 1024 * 1024;

    private SweepReport() {
    }

    /**
     * Ratios of one run: the sweep's calls/s against the bare calls' (the median of its slices' ratios to their bare
     * neighbours when the run alternated them; the ratio of the totals otherwise, and as a cross-check).
     */
    static Map<String, Object> derived(Map<String, Object> run) {
        Map<String, Object> d = new LinkedHashMap<>();
        double bare = num(run, "bare", "callsPerSecond");
        double bareCpu = num(run, "bare", "clientCpuMicrosPerCall");
        d.put("bareCallsPerSecond", bare);
        d.put("bareSeconds", num(run, "callsPerSweep") / bare);
        d.put("bareCpuMicrosPerCall", bareCpu);
        for (String sweep : List.of("sweep", "reconciliation")) {
            String prefix = sweep.equals("sweep") ? "ratio" : "reconciliationRatio";
            Map<String, Object> paired = map(map(run.get(sweep)).get("pairedRatio"));
            double aggregate = num(run, sweep, "callsPerSecond") / bare;
            boolean hasPairs = paired != null && paired.get("median") != null;
            d.put(prefix, hasPairs ? num(paired, "median") : aggregate);
            d.put(prefix + "Min", hasPairs ? num(paired, "min") : null);
            d.put(prefix + "Max", hasPairs ? num(paired, "max") : null);
            d.put(prefix + "Slices", hasPairs ? paired.get("slices") : 0);
            d.put(prefix + "OfTotals", aggregate);
        }
        d.put("cpuPerCallRatio", num(run, "sweep", "clientCpuMicrosPerCall") / bareCpu);
        d.put("reconciliationCpuPerCallRatio", num(run, "reconciliation", "clientCpuMicrosPerCall") / bareCpu);
        return d;
    }

    static List<Map<String, Object>> ratios(Map<String, Object> section) {
        List<Map<String, Object>> ratios = new ArrayList<>();
        for (Map<String, Object> run : runs(section)) {
            String book = String.format("%,d logins", ((Number) run.get("logins")).longValue());
            if (!Boolean.TRUE.equals(run.get("ok"))) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("figure", "Sweep of " + book + " under -Xmx" + run.get("heap"));
                r.put("finsify", "failed: " + run.get("failure"));
                r.put("target", "completes");
                r.put("met", false);
                ratios.add(r);
                continue;
            }
            Map<String, Object> calls = row("Sweep of " + book + ": API calls/s, first sweep / bare `FinsifyClient` ("
                                            + run.get("threads") + " threads)", num(run, "sweep", "callsPerSecond"),
                    num(run, "bareCallsPerSecond"), "calls/s");
            paired(calls, run, "ratio");
            calls.put("target", "≥ " + CALLS_TARGET);
            calls.put("met", num(calls, "ratio") >= CALLS_TARGET);
            ratios.add(calls);
            Map<String, Object> next = row("Sweep of " + book + ": API calls/s, next sweep (nothing new) / bare "
                                           + "`FinsifyClient`", num(run, "reconciliation", "callsPerSecond"),
                    num(run, "bareCallsPerSecond"), "calls/s");
            paired(next, run, "reconciliationRatio");
            ratios.add(next);
            ratios.add(row("Sweep of " + book + ": client CPU per call, first sweep / bare (lower is better)",
                    num(run, "sweep", "clientCpuMicrosPerCall"), num(run, "bareCpuMicrosPerCall"), "µs"));
            double peak = num(run, "resources", "peakHeapAfterAnyGcBytes") / MB;
            Map<String, Object> heap = new LinkedHashMap<>();
            heap.put("figure", "Sweep of " + book + ": live heap at the end (full GC); peak after any GC in brackets");
            heap.put("finsify", String.format("%.0f MB (%.0f MB)", num(run, "resources", "liveHeapAtEndBytes") / MB,
                    peak));
            heap.put("target", "≤ " + (int) HEAP_TARGET_MB + " MB, completes under -Xmx" + run.get("heap"));
            heap.put("met", peak <= HEAP_TARGET_MB);
            ratios.add(heap);
        }
        return ratios;
    }

    /** The ratio of a row is the paired median when there is one; its range goes with it. */
    private static void paired(Map<String, Object> row, Map<String, Object> run, String prefix) {
        row.put("ratio", run.get(prefix));
        row.put("ratioMin", run.get(prefix + "Min"));
        row.put("ratioMax", run.get(prefix + "Max"));
    }

    static String markdown(Map<String, Object> meta, Map<String, Object> section) {
        StringBuilder md = new StringBuilder();
        md.append("# camel-finsify benchmarks: sweep of a partner's book\n\n");
        md.append("Generated by `").append(meta.get("command")).append("` at ").append(meta.get("generatedAt"))
                .append(" in ").append(meta.get("durationSeconds")).append(" s. Same figures as `sweep.json`; the ")
                .append("forked JVMs' outputs (class histograms included) are in `raw/sweep/`. Ratios come from one ")
                .append("run; absolute figures are context only (shared, noisy 2-core machine, client, canned server ")
                .append("and other agents' builds on the same cores). See `docs/performance.md`.\n\n");
        if (Boolean.TRUE.equals(meta.get("quick"))) {
            md.append("**Quick mode: a smoke test of the harness, not figures to publish.**\n\n");
        }
        md.append("## Ratios and targets\n\n| Figure | finsify | baseline | ratio | target | met |\n")
                .append("|---|---:|---:|---:|---|---|\n");
        for (Map<String, Object> r : listOfMaps(section.get("ratios"))) {
            md.append("| ").append(r.get("figure")).append(" | ").append(value(r.get("finsify"), r.get("unit")))
                    .append(" | ").append(value(r.get("baseline"), r.get("unit"))).append(" | ")
                    .append(r.get("ratio") == null ? "" : String.format("%.2f", ((Number) r.get("ratio")).doubleValue()))
                    .append(r.get("ratioMin") == null ? "" : String.format(" (%.2f–%.2f)",
                            ((Number) r.get("ratioMin")).doubleValue(), ((Number) r.get("ratioMax")).doubleValue()))
                    .append(" | ").append(r.get("target") == null ? "" : r.get("target")).append(" | ")
                    .append(r.get("met") == null ? "" : Boolean.TRUE.equals(r.get("met")) ? "yes" : "**no**")
                    .append(" |\n");
        }
        md.append("\n## Per book size\n\n")
                .append("Wall time: the sweep's own running time (slices added up). Ratio: median of the sweep's ")
                .append("slices' calls/s over their bare neighbours' (min–max, number of slices); of the totals: the ")
                .append("sweep's calls/s over all bare slices'.\n\n")
                .append("| logins | accounts | transactions | calls per sweep | sweep | wall time | calls/s | ratio | ")
                .append("of the totals | bare calls/s |\n|---:|---:|---:|---:|---|---:|---:|---|---:|---:|\n");
        for (Map<String, Object> run : okRuns(section)) {
            for (String sweep : List.of("sweep", "reconciliation")) {
                String prefix = sweep.equals("sweep") ? "ratio" : "reconciliationRatio";
                boolean first = sweep.equals("sweep");
                md.append(String.format("| %s | %s | %s | %s | %s | %.1f s | %,.0f | %s | %.2f | %,.0f |%n",
                        first ? String.format("%,d", lng(run, "logins")) : "",
                        first ? String.format("%,d", lng(run, "accounts")) : "",
                        first ? String.format("%,d", lng(run, "transactions")) : "",
                        first ? String.format("%,d", lng(run, "callsPerSweep")) : "",
                        first ? "first (all new)" : "next (nothing new)", num(run, sweep, "seconds"),
                        num(run, sweep, "callsPerSecond"), ratioText(run, prefix), num(run, prefix + "OfTotals"),
                        num(run, "bareCallsPerSecond")));
            }
        }
        md.append("\n## Resources\n\n")
                .append("| logins | live heap before | live heap at end | peak after any GC | threads before | ")
                .append("peak threads | sync workers | state rows | state bytes per account | H2 files | ")
                .append("directory fill | `size()` | page of 8 ids | `secretOf` |\n")
                .append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map<String, Object> run : okRuns(section)) {
            md.append(String.format("| %,d | %.1f MB | %.1f MB | %.1f MB | %d | %d | %d | %,d | %.1f B | %.1f MB | %.1f s "
                                    + "| %,.0f µs | %,.0f µs | %,.0f µs |%n",
                    lng(run, "logins"), lng(run, "liveHeapBeforeSweepBytes") / MB,
                    num(run, "resources", "liveHeapAtEndBytes") / MB,
                    num(run, "resources", "peakHeapAfterAnyGcBytes") / MB, lng(run, "threadsBeforeSweep"),
                    (long) num(run, "resources", "peakThreads"), (long) num(run, "resources", "workerThreads"),
                    (long) num(run, "state", "accounts"), num(run, "state", "bytesPerAccount"),
                    lng(run, "databaseFileBytes") / MB, num(run, "fillSeconds"), num(run, "directory", "sizeMicros"),
                    num(run, "directory", "pageOf8Micros"), num(run, "directory", "secretOfMicros")));
        }
        md.append("\n## Where the CPU went (µs per API call)\n\n")
                .append("Client: this JVM's CPU per call, split by thread group (ThreadMXBean); \"JVM\" is what no ")
                .append("Java thread accounts for: GC and JIT compiler threads. Server: the canned server's process ")
                .append("CPU per call. Machine: share of both CPUs busy (all processes).\n\n")
                .append("| logins | phase | client CPU/call | by thread | server CPU/call | server event loop busy | ")
                .append("machine busy | GC pauses | load at start |\n|---:|---|---:|---|---:|---:|---:|---:|---:|\n");
        for (Map<String, Object> run : okRuns(section)) {
            for (String phase : List.of("sweep", "reconciliation", "bare")) {
                Map<String, Object> p = map(run.get(phase));
                md.append(String.format("| %,d | %s | %.1f µs | %s | %.1f µs | %.0f %% | %.0f %% | %d ms | %.1f |%n",
                        lng(run, "logins"), phaseName(phase), num(p, "clientCpuMicrosPerCall"),
                        byThread(map(p.get("cpuMicrosPerCallByThread"))), num(p, "serverCpuMicrosPerCall"),
                        100 * num(p, "serverEventLoopBusy"), 100 * num(p, "machineBusy"), (long) num(p, "gcMillis"),
                        num(p, "loadAverageAtStart")));
            }
        }
        Map<String, Object> memory = map(section.get("inMemoryRun"));
        if (memory != null && Boolean.TRUE.equals(memory.get("ok"))) {
            Map<String, Object> jdbc = okRuns(section).stream()
                    .filter(r -> lng(r, "logins") == lng(memory, "logins")).findFirst().orElse(null);
            md.append("\n## What JDBC costs: the same sweep with the directory and the state in memory\n\n")
                    .append("A separate run at the largest size with `MemoryLoginDirectory` and Camel's ")
                    .append("`MemoryStateRepository` (a diagnostic: the heap then holds the book and the state).\n\n")
                    .append("| store | sweep | calls/s | ratio to bare | client CPU/call | by thread | bare CPU/call |\n")
                    .append("|---|---|---:|---|---:|---|---:|\n");
            for (Map<String, Object> run : jdbc == null ? List.of(memory) : List.of(jdbc, memory)) {
                for (String sweep : List.of("sweep", "reconciliation")) {
                    String prefix = sweep.equals("sweep") ? "ratio" : "reconciliationRatio";
                    md.append(String.format("| %s | %s | %,.0f | %s | %.1f µs | %s | %.1f µs |%n",
                            "memory".equals(run.get("store")) ? "memory" : "JDBC (H2)",
                            sweep.equals("sweep") ? "first" : "next", num(run, sweep, "callsPerSecond"),
                            ratioText(run, prefix), num(run, sweep, "clientCpuMicrosPerCall"),
                            byThread(map(map(run.get(sweep)).get("cpuMicrosPerCallByThread"))),
                            num(run, "bareCpuMicrosPerCall")));
                }
            }
        }
        Map<String, Object> pace = map(section.get("paceRun"));
        if (pace != null && Boolean.TRUE.equals(pace.get("ok"))) {
            md.append(String.format("%n## The pace at the default delay%n%nA book of %,d logins, `delay=%d` (the default), "
                                    + "`maxConcurrentLogins=%d`, no warm-up, first sweep only: %.1f s, %,.0f calls/s, "
                                    + "%.1f logins/s (the bare calls in the slices between: %,.0f calls/s). A worker "
                                    + "that finishes a login hands out the next itself, so the pace does not wait for "
                                    + "the scheduler's polls (one every %d ms): it is what %d workers sync.%n",
                    lng(pace, "logins"), lng(pace, "delayMillis"), lng(pace, "threads"), num(pace, "sweep", "seconds"),
                    num(pace, "sweep", "callsPerSecond"), lng(pace, "logins") / num(pace, "sweep", "seconds"),
                    num(pace, "bare", "callsPerSecond"), lng(pace, "delayMillis"), lng(pace, "threads")));
        }
        md.append("\n## Settings\n\n").append(section.get("settings")).append("\n");
        if (section.get("profile") != null) {
            md.append("\nProfile of a separate run at the largest size (JFR): `raw/sweep/").append(section.get("profile"))
                    .append("` (first sweep), `raw/sweep/").append(section.get("profileReconciliation"))
                    .append("` (next sweep).\n");
        }
        if (section.get("plot") != null) {
            md.append("\nPlot: `docs/").append(section.get("plot")).append("`.\n");
        }
        return md.toString();
    }

    private static String phaseName(String phase) {
        return switch (phase) {
            case "bare" -> "bare calls";
            case "sweep" -> "first sweep";
            default -> "next sweep";
        };
    }

    private static String ratioText(Map<String, Object> run, String prefix) {
        if (run.get(prefix + "Min") == null) {
            return String.format("%.2f", num(run, prefix));
        }
        return String.format("%.2f (%.2f–%.2f, %s)", num(run, prefix), num(run, prefix + "Min"),
                num(run, prefix + "Max"), run.get(prefix + "Slices"));
    }

    private static String byThread(Map<String, Object> groups) {
        if (groups == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (var e : groups.entrySet()) {
            String name = e.getKey().replace("Camel thread # - ", "").replace("bare-caller", "bare callers")
                    .replace("finsify://transactions", "scheduler").replace("FinsifyDirectorySync", "sync workers")
                    .replace("JVM (GC, JIT) and ended threads", "JVM").replace("H#-serialization", "H2 serializer")
                    .replaceAll("MVStore background writer .*", "H2 writer");
            sb.append(sb.length() == 0 ? "" : ", ").append(name).append(" ")
                    .append(String.format("%.1f", ((Number) e.getValue()).doubleValue()));
        }
        return sb.toString();
    }

    private static Map<String, Object> row(String figure, double finsify, double baseline, String unit) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("figure", figure);
        r.put("finsify", finsify);
        r.put("baseline", baseline);
        r.put("unit", unit);
        r.put("ratio", baseline > 0 ? finsify / baseline : null);
        r.put("target", null);
        r.put("met", null);
        return r;
    }

    private static String value(Object v, Object unit) {
        if (v == null) {
            return "";
        }
        if (v instanceof Number n) {
            double d = n.doubleValue();
            return (Math.abs(d) >= 100 ? String.format("%,.0f", d) : String.format("%.2f", d))
                   + (unit == null ? "" : " " + unit);
        }
        return v.toString();
    }

    static double num(Map<String, Object> run, String section, String key) {
        return num(map(run.get(section)), key);
    }

    static double num(Map<String, Object> m, String key) {
        Object v = m == null ? null : m.get(key);
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static long lng(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).longValue();
    }

    static List<Map<String, Object>> runs(Map<String, Object> section) {
        return listOfMaps(section.get("runs"));
    }

    private static List<Map<String, Object>> okRuns(Map<String, Object> section) {
        return runs(section).stream().filter(r -> Boolean.TRUE.equals(r.get("ok"))).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> listOfMaps(Object o) {
        return o == null ? List.of() : (List<Map<String, Object>>) o;
    }
}
