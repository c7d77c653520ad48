package io.github.camelfinsify.bench;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The producer comparison as a paired, interleaved measurement, run in a forked JVM: the six calls of
 * {@link ProducerBenchmark} (3 variants x accounts / 50 transactions) take turns, one second each, the order rotating
 * every round, so that the drift of a shared machine (other processes, CPU placement of client and server) hits
 * every variant alike. Ratios are taken per round between neighbours in time, and their median is reported. Per call:
 * calls/s (wall), CPU time and allocated bytes of the calling thread (ThreadMXBean).
 *
 * <pre>ProducerInterleaved PORT WARMUP_ROUNDS ROUNDS MILLIS_PER_TURN</pre>
 */
public final class ProducerInterleaved {

    private static final ThreadMXBean THREADS =
            (ThreadMXBean) ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        System.setProperty("bench.port", args[0]);
        int warmupRounds = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        long turnNanos = Long.parseLong(args[3]) * 1_000_000L;

        ProducerBenchmark bench = new ProducerBenchmark();
        bench.setUp();
        Map<String, Callable<Object>> calls = new LinkedHashMap<>();
        calls.put("finsifyAccounts", bench::finsifyAccounts);
        calls.put("camelHttpAccounts", bench::camelHttpAccounts);
        calls.put("httpClientAccounts", bench::httpClientAccounts);
        calls.put("finsifyTransactions50", bench::finsifyTransactions50);
        calls.put("camelHttpTransactions50", bench::camelHttpTransactions50);
        calls.put("httpClientTransactions50", bench::httpClientTransactions50);
        List<String> names = new ArrayList<>(calls.keySet());

        Map<String, List<double[]>> samples = new LinkedHashMap<>(); // per round: calls/s, cpu us/call, bytes/call
        names.forEach(n -> samples.put(n, new ArrayList<>()));
        for (int round = 0; round < warmupRounds + rounds; round++) {
            for (int i = 0; i < names.size(); i++) {
                String name = names.get((i + round) % names.size()); // rotate the order every round
                double[] sample = turn(calls.get(name), turnNanos);
                if (round >= warmupRounds) {
                    samples.get(name).add(sample);
                }
            }
        }
        bench.tearDown();

        Map<String, Object> result = new LinkedHashMap<>();
        Map<String, Object> variants = new LinkedHashMap<>();
        for (String name : names) {
            List<double[]> s = samples.get(name);
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("callsPerSecond", median(s, 0));
            v.put("callsPerSecondMin", s.stream().mapToDouble(x -> x[0]).min().orElse(0));
            v.put("callsPerSecondMax", s.stream().mapToDouble(x -> x[0]).max().orElse(0));
            v.put("threadCpuMicrosPerCall", median(s, 1));
            v.put("threadAllocBytesPerCall", median(s, 2));
            v.put("callsPerSecondPerTurn", s.stream().mapToDouble(x -> Math.round(x[0])).toArray());
            variants.put(name, v);
        }
        result.put("variants", variants);
        Map<String, Object> ratios = new LinkedHashMap<>();
        for (String op : List.of("Accounts", "Transactions50")) {
            for (String base : List.of("httpClient", "camelHttp")) {
                ratios.put("finsify/" + base + op + ":callsPerSecond",
                        pairedRatio(samples.get("finsify" + op), samples.get(base + op), 0));
                ratios.put("finsify/" + base + op + ":threadCpuPerCall",
                        pairedRatio(samples.get("finsify" + op), samples.get(base + op), 1));
            }
        }
        result.put("pairedRatios", ratios);
        result.put("rounds", rounds);
        result.put("warmupRounds", warmupRounds);
        result.put("millisPerTurn", turnNanos / 1_000_000);
        System.out.println("RESULT " + BenchJson.MAPPER.writeValueAsString(result));
        System.exit(0);
    }

    private static double[] turn(Callable<Object> call, long nanos) throws Exception {
        long calls = 0;
        long alloc0 = THREADS.getCurrentThreadAllocatedBytes();
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long end = start + nanos;
        long now;
        int sink = 0;
        do {
            Object r = call.call();
            sink += r == null ? 0 : 1;
            calls++;
            now = System.nanoTime();
        } while (now < end);
        long cpu = THREADS.getCurrentThreadCpuTime() - cpu0;
        long alloc = THREADS.getCurrentThreadAllocatedBytes() - alloc0;
        if (sink != calls) {
            throw new IllegalStateException("a call returned null");
        }
        return new double[] { calls / ((now - start) / 1e9), cpu / 1e3 / calls, (double) alloc / calls };
    }

    private static double median(List<double[]> s, int index) {
        double[] values = s.stream().mapToDouble(x -> x[index]).sorted().toArray();
        return median(values);
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Median, min and max of the per-round ratios a/b (same round: neighbours in time). */
    private static Map<String, Object> pairedRatio(List<double[]> a, List<double[]> b, int index) {
        double[] ratios = new double[Math.min(a.size(), b.size())];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = a.get(i)[index] / b.get(i)[index];
        }
        Arrays.sort(ratios);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("median", median(ratios));
        r.put("min", ratios.length == 0 ? Double.NaN : ratios[0]);
        r.put("max", ratios.length == 0 ? Double.NaN : ratios[ratios.length - 1]);
        r.put("perRound", ratios);
        return r;
    }
}
