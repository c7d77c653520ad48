package io.github.camelfinsify.bench;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import com.sun.management.OperatingSystemMXBean;

/**
 * What a phase (or the sum of slices of one kind) cost: wall time and calls, this JVM's CPU per call (and per thread
 * group), the canned server's, how busy the whole machine was, GC and JIT.
 */
final class PhaseMeter {

    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** Every counter at one instant. */
    record Snapshot(long nanos, long cpuNanos, CannedServerStats.Reading server, MachineCpu machine, long gcCount,
                    long gcMillis, long jitMillis, Map<String, Long> threads, double load) {

        static Snapshot take(CannedServerStats server) {
            long[] gc = HeapWatch.gcCountAndMillis();
            return new Snapshot(System.nanoTime(), OS.getProcessCpuTime(), server.read(), MachineCpu.read(), gc[0],
                    gc[1], ManagementFactory.getCompilationMXBean().getTotalCompilationTime(), ThreadGroups.cpuNanos(),
                    OS.getSystemLoadAverage());
        }
    }

    /** Sums over the phases or slices added. */
    static final class Totals {
        private double seconds;
        private long calls;
        private long serverCalls;
        private long cpuNanos;
        private long serverCpuNanos;
        private long serverLoopNanos;
        private long machineBusy;
        private long machineTotal;
        private long gcCount;
        private long gcMillis;
        private long jitMillis;
        private int parts;
        private double load = Double.NaN;
        private final Map<String, Long> threads = new HashMap<>();
        private final String excluded;

        Totals() {
            this(null);
        }

        /** Sums that leave out the CPU of one thread group (e.g. a suspended consumer's scheduler, waking idle). */
        Totals(String excludedGroup) {
            this.excluded = excludedGroup;
        }

        /** Adds what happened between two snapshots, as {@code calls} calls in {@code seconds}. */
        void add(Snapshot from, Snapshot to, double seconds, long calls) {
            this.seconds += seconds;
            this.calls += calls;
            serverCalls += to.server().calls() - from.server().calls();
            cpuNanos += to.cpuNanos() - from.cpuNanos();
            serverCpuNanos += to.server().processCpuNanos() - from.server().processCpuNanos();
            serverLoopNanos += to.server().loopCpuNanos() - from.server().loopCpuNanos();
            machineBusy += to.machine().busy() - from.machine().busy();
            machineTotal += to.machine().total() - from.machine().total();
            gcCount += to.gcCount() - from.gcCount();
            gcMillis += to.gcMillis() - from.gcMillis();
            jitMillis += to.jitMillis() - from.jitMillis();
            for (var e : to.threads().entrySet()) {
                long delta = e.getValue() - from.threads().getOrDefault(e.getKey(), 0L);
                if (delta > 0) {
                    threads.merge(e.getKey(), delta, Long::sum);
                }
            }
            if (parts++ == 0) {
                load = from.load();
            }
        }

        double seconds() {
            return seconds;
        }

        long calls() {
            return calls;
        }

        Map<String, Object> toMap() {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("seconds", seconds);
            r.put("calls", calls);
            r.put("callsPerSecond", calls / seconds);
            // the harness (the main thread: snapshots, waits) is not the client's cost, nor an excluded group
            long harness = ThreadGroups.cpuOf(threads, ThreadGroups.HARNESS)
                           + (excluded == null ? 0 : ThreadGroups.cpuOf(threads, excluded));
            r.put("clientCpuMicrosPerCall", (cpuNanos - harness) / 1e3 / calls);
            r.put("clientCpuCores", (cpuNanos - harness) / 1e9 / seconds);
            r.put("harnessCpuMicrosPerCall", harness / 1e3 / calls);
            r.put("cpuMicrosPerCallByThread", ThreadGroups.perCall(threads, cpuNanos - harness, calls, excluded));
            r.put("serverCalls", serverCalls);
            r.put("serverCpuMicrosPerCall", serverCpuNanos / 1e3 / Math.max(1, serverCalls));
            r.put("serverEventLoopBusy", serverLoopNanos / 1e9 / seconds);
            r.put("machineBusy", machineTotal == 0 ? Double.NaN : (double) machineBusy / machineTotal);
            r.put("gcCount", gcCount);
            r.put("gcMillis", gcMillis);
            r.put("jitMillis", jitMillis);
            r.put("parts", parts);
            r.put("loadAverageAtStart", load);
            return r;
        }
    }
}
