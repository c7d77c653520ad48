package io.github.camelfinsify.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time of this JVM's threads, summed by group (a thread's name without its numbers), so a phase's CPU splits
 * into the sweep's workers, its scheduler, H2's threads, the bare callers, ...; what no Java thread accounts for is
 * the JVM's own (GC, JIT compiler).
 */
final class ThreadGroups {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** The measuring thread's group. */
    static final String HARNESS = "main";

    private ThreadGroups() {
    }

    /** CPU nanoseconds of each live thread, by id; the group is in the key: "id|group". */
    static Map<String, Long> cpuNanos() {
        Map<String, Long> cpu = new HashMap<>();
        for (var info : THREADS.dumpAllThreads(false, false)) {
            long nanos = THREADS.getThreadCpuTime(info.getThreadId());
            if (nanos >= 0) {
                cpu.put(info.getThreadId() + "|" + group(info.getThreadName()), nanos);
            }
        }
        return cpu;
    }

    /** CPU nanoseconds of one group, given CPU nanoseconds by thread. */
    static long cpuOf(Map<String, Long> cpuByThread, String group) {
        long sum = 0;
        for (var e : cpuByThread.entrySet()) {
            if (groupOf(e.getKey()).equals(group)) {
                sum += e.getValue();
            }
        }
        return sum;
    }

    /**
     * Microseconds per call of each group but the harness and {@code excluded} (may be null), given CPU nanoseconds by
     * thread, and the JVM's own remainder of {@code cpuNanos} (the process's CPU without theirs).
     */
    static Map<String, Object> perCall(Map<String, Long> cpuByThread, long cpuNanos, long calls, String excluded) {
        Map<String, Long> byGroup = new HashMap<>();
        long threads = 0;
        for (var e : cpuByThread.entrySet()) {
            String group = groupOf(e.getKey());
            if (!group.equals(HARNESS) && !group.equals(excluded)) {
                byGroup.merge(group, e.getValue(), Long::sum);
                threads += e.getValue();
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        byGroup.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .filter(e -> e.getValue() / 1e3 / calls >= 0.5)
                .forEach(e -> out.put(e.getKey(), round(e.getValue() / 1e3 / calls)));
        // threads that ended between two readings are missing from both: counted here with the JVM's own
        out.put("JVM (GC, JIT) and ended threads", round(Math.max(0, cpuNanos - threads) / 1e3 / calls));
        return out;
    }

    private static String groupOf(String key) {
        return key.substring(key.indexOf('|') + 1);
    }

    static String group(String name) {
        return name.replaceAll("\\(camel-\\d+\\) ", "").replaceAll("#?\\d+", "#");
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
