package io.github.camelfinsify.bench;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The producer comparison as a paired, interleaved measurement, run in a forked JVM: the calls of
 * {@link ProducerBenchmark} (5 variants x accounts / 50 transactions, plus the {@code finsify:} calls a second time as
 * the noise gauge) take turns, in an order shuffled every round, so that the drift of a shared machine (other
 * processes, CPU placement of client and server) hits every variant alike. Ratios are taken per round between
 * neighbours in time, and their median is reported. In a turn, THREADS client threads make the same call for the
 * turn's length. Per call: calls/s (wall, all threads), CPU time and allocated bytes of the calling threads
 * (ThreadMXBean).
 *
 * <pre>ProducerInterleaved PORT WARMUP_ROUNDS ROUNDS MILLIS_PER_TURN [THREADS]</pre>
 */
public final class ProducerInterleaved {

    private static final ThreadMXBean THREADS =
            (ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** The variants compared with {@code finsify}: typed first (the component's records), then untyped. */
    static final List<String> BASELINES = List.of("httpClient", "camelHttp", "httpClientTree", "camelHttpMap");
    static final List<String> OPERATIONS = List.of("Accounts", "Transactions50");
    /** The finsify calls measured a second time, as another variant: their ratio is the run's noise. */
    static final String GAUGE = "finsifyAgain";
    private static final long ORDER_SEED = 17;

    public static void main(String[] args) throws Exception {
        System.setProperty("bench.port", args[0]);
        int warmupRounds = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        long turnNanos = Long.parseLong(args[3]) * 1_000_000L;
        int threads = args.length > 4 ? Integer.parseInt(args[4]) : 1;

        ProducerBenchmark bench = new ProducerBenchmark();
        bench.setUp();
        Map<String, Callable<Object>> calls = new LinkedHashMap<>();
        calls.put("finsifyAccounts", bench::finsifyAccounts);
        calls.put("camelHttpAccounts", bench::camelHttpAccounts);
        calls.put("httpClientAccounts", bench::httpClientAccounts);
        calls.put("camelHttpMapAccounts", bench::camelHttpMapAccounts);
        calls.put("httpClientTreeAccounts", bench::httpClientTreeAccounts);
        calls.put(GAUGE + "Accounts", bench::finsifyAccounts);
        calls.put("finsifyTransactions50", bench::finsifyTransactions50);
        calls.put("camelHttpTransactions50", bench::camelHttpTransactions50);
        calls.put("httpClientTransactions50", bench::httpClientTransactions50);
        calls.put("camelHttpMapTransactions50", bench::camelHttpMapTransactions50);
        calls.put("httpClientTreeTransactions50", bench::httpClientTreeTransactions50);
        calls.put(GAUGE + "Transactions50", bench::finsifyTransactions50);
        List<String> names = new ArrayList<>(calls.keySet());

        ExecutorService pool = Executors.newFixedThreadPool(threads);
        Map<String, List<double[]>> samples = new LinkedHashMap<>(); // per round: calls/s, cpu us/call, bytes/call
        names.forEach(n -> samples.put(n, new ArrayList<>()));
        // a fresh order every round: a fixed neighbour (the garbage or the cold cache a turn leaves to the next) would
        // bias one variant's turns in every round; the seed keeps a run repeatable
        Random shuffle = new Random(ORDER_SEED);
        List<String> order = new ArrayList<>(names);
        for (int round = 0; round < warmupRounds + rounds; round++) {
            Collections.shuffle(order, shuffle);
            for (String name : order) {
                double[] sample = turn(pool, threads, calls.get(name), turnNanos);
                if (round >= warmupRounds) {
                    samples.get(name).add(sample);
                }
            }
        }
        pool.shutdownNow();
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
        for (String op : OPERATIONS) {
            for (String base : BASELINES) {
                ratios.put("finsify/" + base + op + ":callsPerSecond",
                        pairedRatio(samples.get("finsify" + op), samples.get(base + op), 0));
                ratios.put("finsify/" + base + op + ":threadCpuPerCall",
                        pairedRatio(samples.get("finsify" + op), samples.get(base + op), 1));
            }
            ratios.put("finsify/" + GAUGE + op + ":callsPerSecond",
                    pairedRatio(samples.get("finsify" + op), samples.get(GAUGE + op), 0));
        }
        result.put("pairedRatios", ratios);
        result.put("threads", threads);
        result.put("rounds", rounds);
        result.put("warmupRounds", warmupRounds);
        result.put("millisPerTurn", turnNanos / 1_000_000);
        System.out.println("RESULT " + BenchJson.MAPPER.writeValueAsString(result));
        System.exit(0);
    }

    /** One turn: {@code threads} threads make the call until the turn ends; calls/s of all, CPU and bytes per call. */
    private static double[] turn(ExecutorService pool, int threads, Callable<Object> call, long nanos)
            throws Exception {
        long start = System.nanoTime();
        long end = start + nanos;
        List<Future<long[]>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> calls(call, end)));
        }
        long calls = 0;
        long cpu = 0;
        long alloc = 0;
        for (Future<long[]> f : futures) {
            long[] r = f.get();
            calls += r[0];
            cpu += r[1];
            alloc += r[2];
        }
        long wall = System.nanoTime() - start;
        return new double[] { calls / (wall / 1e9), cpu / 1e3 / calls, (double) alloc / calls };
    }

    private static long[] calls(Callable<Object> call, long end) throws Exception {
        long calls = 0;
        long alloc0 = THREADS.getCurrentThreadAllocatedBytes();
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        int sink = 0;
        do {
            Object r = call.call();
            sink += r == null ? 0 : 1;
            calls++;
        } while (System.nanoTime() < end);
        long cpu = THREADS.getCurrentThreadCpuTime() - cpu0;
        long alloc = THREADS.getCurrentThreadAllocatedBytes() - alloc0;
        if (sink != calls) {
            throw new IllegalStateException("a call returned null");
        }
        return new long[] { calls, cpu, alloc };
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
