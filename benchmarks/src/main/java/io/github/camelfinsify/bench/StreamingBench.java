package io.github.camelfinsify.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The 1,000,000-transaction parse in forked JVMs, one per mode and heap size: each mode at -Xmx64m (the target: does
 * it complete?), each mode at a large heap (parse rate and peak live heap, all modes on equal terms), and for the
 * modes that fail at 64m, the smallest heap of a short ladder (from 1.15x the measured peak) that completes.
 */
final class StreamingBench {

    static final String[] MODES = { "streaming", "list", "tree" };
    static final String LARGE_HEAP = "3g";
    private static final int TIMEOUT_SECONDS = 150;

    private StreamingBench() {
    }

    static Map<String, Object> run(int port, Path rawDir) throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String mode : MODES) {
            Map<String, Object> row = new LinkedHashMap<>();
            Map<String, Object> small = runOnce(mode, "64m", port, rawDir);
            row.put("at64m", small);
            Map<String, Object> large = runOnce(mode, LARGE_HEAP, port, rawDir);
            row.put("atLargeHeap", large);
            row.put("completesAt64m", Boolean.TRUE.equals(small.get("ok")));
            if (!Boolean.TRUE.equals(small.get("ok")) && Boolean.TRUE.equals(large.get("ok"))) {
                // the smallest heap that completes, searched from the peak live heap measured at the large heap
                long peak = ((Number) large.get("peakHeapAfterGcBytes")).longValue();
                long mb = roundUp((long) (peak * 1.15 / (1024 * 1024)), 32);
                List<Map<String, Object>> ladder = new ArrayList<>();
                for (int attempt = 0; attempt < 3; attempt++) {
                    Map<String, Object> r = runOnce(mode, mb + "m", port, rawDir);
                    ladder.add(r);
                    if (Boolean.TRUE.equals(r.get("ok"))) {
                        row.put("smallestHeapThatCompletedMb", mb);
                        break;
                    }
                    mb = roundUp(mb * 3 / 2, 32);
                }
                row.put("ladder", ladder);
            }
            out.put(mode, row);
        }
        return out;
    }

    private static long roundUp(long value, long step) {
        return (value + step - 1) / step * step;
    }

    static Map<String, Object> runOnce(String mode, String heap, int port, Path rawDir) throws Exception {
        List<String> command = ChildProcess.javaCommand(List.of("-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError"),
                StreamingRun.class.getName(), List.of(mode, Integer.toString(port)));
        Path log = rawDir.resolve("streaming-" + mode + "-" + heap + ".txt");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("heap", heap);
        for (String line : output.split("\n")) {
            if (line.startsWith("RESULT ")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> parsed = BenchJson.MAPPER.readValue(line.substring(7), Map.class);
                result.putAll(parsed);
                result.put("ok", ((Number) parsed.get("transactions")).longValue() == Payloads.MILLION);
            }
        }
        if (!result.containsKey("ok")) {
            result.put("ok", false);
            result.put("failure", !finished ? "timed out after " + TIMEOUT_SECONDS + " s"
                    : output.contains("OutOfMemoryError") ? "OutOfMemoryError (exit " + process.exitValue() + ")"
                    : "exit " + process.exitValue() + ", see " + log.getFileName());
        }
        System.out.printf("  streaming %-9s -Xmx%-5s %s%n", mode, heap, summary(result));
        return result;
    }

    private static String summary(Map<String, Object> r) {
        if (!Boolean.TRUE.equals(r.get("ok"))) {
            return "FAILED: " + r.get("failure");
        }
        return String.format("%,.0f tx/s, peak live heap %.0f MB", ((Number) r.get("transactionsPerSecond")).doubleValue(),
                ((Number) r.get("peakHeapAfterGcBytes")).doubleValue() / (1024 * 1024));
    }

}
