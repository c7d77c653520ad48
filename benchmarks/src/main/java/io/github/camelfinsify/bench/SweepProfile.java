package io.github.camelfinsify.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * What bounds the sweep: a Java Flight Recorder recording of one sweep ({@link #startRecording()}, made by
 * {@link SweepRun} when given a file) and its report ({@code SweepProfile FILE.jfr}): CPU of this JVM against the
 * whole machine's, CPU samples per thread group and per cause (H2, Jackson, HttpClient, the sync engine, Camel,
 * ...: each sample is charged to the first frame from the top that is not the JDK's), the hottest methods of the
 * component, the time threads waited for locks and for the canned server's answers, and GC pauses.
 */
public final class SweepProfile {

    /** Causes, by class-name prefix; the first frame from the top that matches one is charged with the sample. */
    private static final Map<String, String> CAUSES = new LinkedHashMap<>();

    static {
        CAUSES.put("jdk.jfr.", "JFR (the recording itself)");
        CAUSES.put("org.h2.", "H2 (JDBC: directory, state)");
        CAUSES.put("com.zaxxer.hikari.", "HikariCP (connection pool)");
        CAUSES.put("io.github.camelfinsify.jdbc.", "camel-finsify-jdbc (SQL, AES-GCM)");
        CAUSES.put("com.sun.crypto.", "AES-GCM (JDK crypto)");
        CAUSES.put("javax.crypto.", "AES-GCM (JDK crypto)");
        CAUSES.put("com.fasterxml.jackson.", "Jackson (JSON)");
        CAUSES.put("org.apache.hc.", "HttpClient 5 (HTTP)");
        CAUSES.put("io.github.camelfinsify.sync.SyncState", "sync state (fingerprints, encode/decode)");
        CAUSES.put("io.github.camelfinsify.bench.", "benchmark (counting processor, bare loop)");
        CAUSES.put("io.github.camelfinsify.", "finsify consumer and sync engine");
        CAUSES.put("org.apache.camel.", "Camel (exchanges, routing)");
        CAUSES.put("org.apache.logging.", "logging");
        CAUSES.put("org.slf4j.", "logging");
    }

    private SweepProfile() {
    }

    /** A recording of everything the report needs, started now. */
    static Recording startRecording() {
        Recording recording = new Recording();
        recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(5));
        recording.enable("jdk.NativeMethodSample").withPeriod(Duration.ofMillis(20));
        recording.enable("jdk.JavaMonitorEnter").withThreshold(Duration.ofMillis(1)).withStackTrace();
        recording.enable("jdk.ThreadPark").withThreshold(Duration.ofMillis(1)).withStackTrace();
        recording.enable("jdk.SocketRead").withThreshold(Duration.ofMillis(1)).withStackTrace();
        recording.enable("jdk.CPULoad").withPeriod(Duration.ofSeconds(1));
        recording.enable("jdk.GarbageCollection");
        recording.enable("jdk.Compilation").withThreshold(Duration.ofMillis(20));
        recording.enable("jdk.ObjectAllocationSample").with("throttle", "300/s");
        recording.start();
        return recording;
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        List<RecordedEvent> events = RecordingFile.readAllEvents(file);
        cpuLoad(events);
        samples(events, "jdk.ExecutionSample", "CPU samples (Java code running)");
        hottest(events, "FinsifyDirectorySync", "io.github.camelfinsify", 25);
        hottest(events, "finsify://transactions", "", 15);
        callers(events, "FinsifyDirectorySync", 6);
        waits(events, "jdk.JavaMonitorEnter", "Waits >= 1 ms to enter a monitor (synchronized)");
        waits(events, "jdk.ThreadPark", "Waits >= 1 ms parked (locks, pool queues, sleeps)");
        waits(events, "jdk.SocketRead", "Socket reads >= 1 ms (waiting for the canned server)");
        samples(events, "jdk.NativeMethodSample", "Samples of threads in native code (socket reads, ...)");
        allocations(events);
        gc(events);
        compilations(events);
    }

    private static void cpuLoad(List<RecordedEvent> events) {
        double user = 0;
        double system = 0;
        double machine = 0;
        int n = 0;
        for (RecordedEvent e : events) {
            if (e.getEventType().getName().equals("jdk.CPULoad")) {
                user += e.getFloat("jvmUser");
                system += e.getFloat("jvmSystem");
                machine += e.getFloat("machineTotal");
                n++;
            }
        }
        System.out.printf("== CPU (jdk.CPULoad, %d one-second readings; share of all %d CPUs)%n", n,
                Runtime.getRuntime().availableProcessors());
        if (n > 0) {
            System.out.printf("this JVM: %.0f %% (user %.0f %%, system %.0f %%); whole machine: %.0f %%; so the rest "
                              + "(canned server, other processes): %.0f %%%n", 100 * (user + system) / n,
                    100 * user / n, 100 * system / n, 100 * machine / n, 100 * (machine - user - system) / n);
        }
    }

    private static void samples(List<RecordedEvent> events, String type, String title) {
        Map<String, Map<String, Integer>> byGroup = new TreeMap<>();
        Map<String, Integer> all = new HashMap<>();
        int total = 0;
        for (RecordedEvent e : events) {
            if (!e.getEventType().getName().equals(type) || e.getStackTrace() == null) {
                continue;
            }
            String cause = causeOf(e.getStackTrace());
            byGroup.computeIfAbsent(group(e.getThread("sampledThread").getJavaName()), g -> new HashMap<>())
                    .merge(cause, 1, Integer::sum);
            all.merge(cause, 1, Integer::sum);
            total++;
        }
        System.out.printf("%n== %s: %,d samples%n", title, total);
        print("all threads", all, total);
        for (var group : byGroup.entrySet()) {
            int n = group.getValue().values().stream().mapToInt(Integer::intValue).sum();
            print(String.format("%s (%.0f %% of the samples)", group.getKey(), 100.0 * n / Math.max(1, total)),
                    group.getValue(), n);
        }
    }

    private static void print(String title, Map<String, Integer> counts, int total) {
        System.out.println("-- " + title + ":");
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(12)
                .forEach(x -> System.out.printf("%6.1f%%  %s%n", 100.0 * x.getValue() / Math.max(1, total), x.getKey()));
    }

    /** Methods by inclusive share of the CPU samples of the threads whose name contains {@code thread}. */
    private static void hottest(List<RecordedEvent> events, String thread, String filter, int limit) {
        Map<String, Integer> inclusive = new HashMap<>();
        int total = 0;
        for (RecordedEvent e : events) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null
                || !e.getThread("sampledThread").getJavaName().contains(thread)) {
                continue;
            }
            total++;
            Set<String> seen = new HashSet<>();
            for (RecordedFrame f : e.getStackTrace().getFrames()) {
                String m = f.getMethod().getType().getName() + "." + f.getMethod().getName();
                if (seen.add(m)) {
                    inclusive.merge(m, 1, Integer::sum);
                }
            }
        }
        int t = total;
        System.out.printf("%n== Hottest methods (inclusive) of threads '%s', matching '%s': %,d samples%n", thread,
                filter, total);
        inclusive.entrySet().stream().filter(x -> x.getKey().contains(filter))
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(limit)
                .forEach(x -> System.out.printf("%6.1f%%  %s%n", 100.0 * x.getValue() / Math.max(1, t), x.getKey()));
    }

    /**
     * For each cause of the sync workers' CPU samples, the frames that called into it: the first frame from the top
     * that belongs to neither that cause nor the JDK (for H2, the store method that ran the SQL; for logging, the class
     * that asked whether to log); for the component's own code, the method the sample was in.
     */
    private static void callers(List<RecordedEvent> events, String thread, int limit) {
        Map<String, Map<String, Integer>> byCause = new HashMap<>();
        Map<String, Integer> totals = new HashMap<>();
        int total = 0;
        for (RecordedEvent e : events) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null
                || !e.getThread("sampledThread").getJavaName().contains(thread)) {
                continue;
            }
            String cause = causeOf(e.getStackTrace());
            byCause.computeIfAbsent(cause, c -> new HashMap<>()).merge(callerOf(e.getStackTrace(), cause), 1,
                    Integer::sum);
            totals.merge(cause, 1, Integer::sum);
            total++;
        }
        int t = total;
        System.out.printf("%n== Who calls each cause, threads '%s' (share of all their %,d samples)%n", thread, total);
        totals.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(8)
                .forEach(cause -> {
                    System.out.printf("-- %s: %.1f%%%n", cause.getKey(), 100.0 * cause.getValue() / Math.max(1, t));
                    byCause.get(cause.getKey()).entrySet().stream()
                            .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(limit)
                            .forEach(x -> System.out.printf("%6.1f%%  %s%n", 100.0 * x.getValue() / Math.max(1, t),
                                    x.getKey()));
                });
    }

    private static String callerOf(RecordedStackTrace stack, String cause) {
        boolean own = cause.equals(CAUSES.get("io.github.camelfinsify."));
        for (RecordedFrame f : stack.getFrames()) {
            String type = f.getMethod().getType().getName();
            String typeCause = causeOfType(type);
            // the component's own code: the method the sample was in; H2 reached through the pool: the store's method
            boolean skip = own ? !typeCause.equals(cause)
                    : typeCause.equals(cause) || type.startsWith("com.zaxxer.hikari.");
            if (skip || type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.")) {
                continue;
            }
            return type.substring(type.lastIndexOf('.') + 1) + "." + f.getMethod().getName();
        }
        return "(itself)";
    }

    private static String causeOfType(String type) {
        for (var cause : CAUSES.entrySet()) {
            if (type.startsWith(cause.getKey())) {
                return cause.getValue();
            }
        }
        return "";
    }

    private static void waits(List<RecordedEvent> events, String type, String title) {
        Map<String, Double> byGroupAndSite = new HashMap<>();
        double totalMillis = 0;
        int n = 0;
        for (RecordedEvent e : events) {
            if (!e.getEventType().getName().equals(type)) {
                continue;
            }
            double millis = e.getDuration().toNanos() / 1e6;
            String thread = e.getThread() == null ? "?" : group(e.getThread().getJavaName());
            String site = e.getStackTrace() == null ? "?" : firstOwnFrame(e.getStackTrace());
            String what = e.hasField("monitorClass") && e.getClass("monitorClass") != null
                    ? " on " + e.getClass("monitorClass").getName()
                    : e.hasField("parkedClass") && e.getClass("parkedClass") != null
                    ? " on " + e.getClass("parkedClass").getName() : "";
            byGroupAndSite.merge(thread + " | " + site + what, millis, Double::sum);
            totalMillis += millis;
            n++;
        }
        System.out.printf("%n== %s: %,d events, %,.0f ms in all%n", title, n, totalMillis);
        byGroupAndSite.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(12)
                .forEach(x -> System.out.printf("%10.0f ms  %s%n", x.getValue(), x.getKey()));
    }

    private static void allocations(List<RecordedEvent> events) {
        Map<String, Double> bySite = new HashMap<>();
        double total = 0;
        for (RecordedEvent e : events) {
            if (!e.getEventType().getName().equals("jdk.ObjectAllocationSample") || e.getStackTrace() == null) {
                continue;
            }
            double w = e.getLong("weight");
            bySite.merge(causeOf(e.getStackTrace()), w, Double::sum);
            total += w;
        }
        double t = total;
        System.out.printf("%n== Allocation (sampled weight) by cause: %,.0f MB%n", total / (1024 * 1024));
        bySite.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(10)
                .forEach(x -> System.out.printf("%6.1f%%  %s%n", 100 * x.getValue() / Math.max(1, t), x.getKey()));
    }

    private static void gc(List<RecordedEvent> events) {
        double pauses = 0;
        int n = 0;
        for (RecordedEvent e : events) {
            if (e.getEventType().getName().equals("jdk.GarbageCollection")) {
                pauses += e.getDuration("sumOfPauses").toNanos() / 1e6;
                n++;
            }
        }
        System.out.printf("%n== GC: %d collections, %,.0f ms of pauses in all%n", n, pauses);
    }

    private static void compilations(List<RecordedEvent> events) {
        Map<String, Double> byPackage = new HashMap<>();
        double total = 0;
        int n = 0;
        for (RecordedEvent e : events) {
            if (e.getEventType().getName().equals("jdk.Compilation")) {
                double millis = e.getDuration().toNanos() / 1e6;
                String type = e.getValue("method") == null ? "?"
                        : ((RecordedMethod) e.getValue("method")).getType().getName();
                byPackage.merge(type.substring(0, Math.max(0, type.lastIndexOf('.'))), millis, Double::sum);
                total += millis;
                n++;
            }
        }
        System.out.printf("%n== JIT compilations >= 20 ms: %d, %,.0f ms (wall time of the compiler threads)%n", n, total);
        byPackage.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(10)
                .forEach(x -> System.out.printf("%10.0f ms  %s%n", x.getValue(), x.getKey()));
    }

    private static String causeOf(RecordedStackTrace stack) {
        List<RecordedFrame> frames = stack.getFrames();
        for (RecordedFrame f : frames) {
            String type = f.getMethod().getType().getName();
            for (var cause : CAUSES.entrySet()) {
                if (type.startsWith(cause.getKey())) {
                    return cause.getValue();
                }
            }
        }
        if (frames.isEmpty()) {
            return "?";
        }
        String top = frames.get(0).getMethod().getType().getName();
        return "JDK only: " + top.substring(0, Math.max(0, top.lastIndexOf('.')));
    }

    private static String firstOwnFrame(RecordedStackTrace stack) {
        for (RecordedFrame f : stack.getFrames()) {
            String type = f.getMethod().getType().getName();
            if (!type.startsWith("java.") && !type.startsWith("jdk.") && !type.startsWith("sun.")) {
                return type.substring(type.lastIndexOf('.') + 1) + "." + f.getMethod().getName();
            }
        }
        return stack.getFrames().isEmpty() ? "?" : stack.getFrames().get(0).getMethod().getName();
    }

    private static String group(String name) {
        return name == null ? "?" : ThreadGroups.group(name);
    }
}
