package io.github.camelfinsify.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs one JMH benchmark class (1 fork, few short iterations) with the GC profiler and collects the figures. */
final class JmhBench {

    private JmhBench() {
    }

    /** One row per benchmark method, by its short name. */
    static Map<String, Map<String, Object>> run(Class<?> benchmarkClass, int port, Settings settings, Path rawLog,
                                                Path workDir) throws Exception {
        Path cpuDir = workDir.resolve("cpu-" + benchmarkClass.getSimpleName());
        Files.createDirectories(cpuDir);
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(benchmarkClass.getName().replace(".", "\\.") + "\\.")
                .forks(1)
                .warmupIterations(settings.warmupIterations())
                .warmupTime(TimeValue.seconds(settings.iterationSeconds()))
                .measurementIterations(settings.measurementIterations())
                .measurementTime(TimeValue.seconds(settings.iterationSeconds()))
                .addProfiler(GCProfiler.class)
                .jvmArgs("-Xms1g", "-Xmx1g", "-Dbench.port=" + port, "-Dbench.cpu.dir=" + cpuDir)
                .output(rawLog.toString());
        Collection<RunResult> results = new Runner(options.build()).run();
        Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        for (RunResult result : results) {
            String full = result.getParams().getBenchmark();
            String name = full.substring(full.lastIndexOf('.') + 1);
            Map<String, Object> row = new LinkedHashMap<>();
            Result<?> primary = result.getPrimaryResult();
            row.put("score", primary.getScore());
            row.put("error", Double.isNaN(primary.getScoreError()) ? 0.0 : primary.getScoreError());
            row.put("unit", primary.getScoreUnit());
            Result<?> alloc = result.getSecondaryResults().get("gc.alloc.rate.norm");
            if (alloc != null) {
                row.put("allocBytesPerOp", alloc.getScore());
            }
            Path cpuFile = cpuDir.resolve(full + ".properties");
            if (Files.exists(cpuFile)) {
                Properties p = new Properties();
                try (var in = Files.newInputStream(cpuFile)) {
                    p.load(in);
                }
                long calls = Long.parseLong(p.getProperty("calls"));
                if (calls > 0) {
                    row.put("threadCpuMicrosPerOp", Long.parseLong(p.getProperty("threadCpuNanos")) / 1e3 / calls);
                    row.put("processCpuMicrosPerOp", Long.parseLong(p.getProperty("processCpuNanos")) / 1e3 / calls);
                    row.put("threadAllocBytesPerOp", (double) Long.parseLong(p.getProperty("threadAllocBytes")) / calls);
                    row.put("measuredCalls", calls);
                }
                if (!Boolean.parseBoolean(p.getProperty("sameThread"))) {
                    row.put("warning", "iteration fixtures did not run on the benchmark thread: CPU figures unreliable");
                }
            }
            rows.put(name, row);
        }
        return rows;
    }

    record Settings(int warmupIterations, int measurementIterations, int iterationSeconds) {
        String describe() {
            return "1 fork, " + warmupIterations + " warm-up + " + measurementIterations + " measured iterations of "
                   + iterationSeconds + " s, 1 thread";
        }
    }

}
