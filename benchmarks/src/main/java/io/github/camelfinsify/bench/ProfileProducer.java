package io.github.camelfinsify.bench;

import io.github.camelfinsify.sync.SyncBenchmark;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Profiling aid behind the causes in docs/performance.md: runs one producer variant (or a sync-feed step: syncDiff,
 * syncPoll, syncInitial) in a loop under Java Flight
 * Recorder (method sampling every 1 ms, allocation sampling) and prints the methods by inclusive share of the
 * calling thread's samples and of the sampled allocation weight. Not part of run.sh.
 *
 * <pre>ProfileProducer PORT VARIANT SECONDS [FILTER]   e.g. 45321 finsifyAccounts 20 camelfinsify
 * ProfileProducer FILE.jfr [FILTER]     (-Dprofile.thread=PREFIX: other threads than main, e.g. vert.x-worker)</pre>
 */
public final class ProfileProducer {

    public static void main(String[] args) throws Exception {
        if (args[0].endsWith(".jfr")) { // report on an earlier recording: FILE [FILTER]
            report(Path.of(args[0]), "jdk.ExecutionSample", args.length > 1 ? args[1] : "", false);
            report(Path.of(args[0]), "jdk.ObjectAllocationSample", args.length > 1 ? args[1] : "", true);
            return;
        }
        System.setProperty("bench.port", args[0]);
        String variant = args[1];
        long seconds = Long.parseLong(args[2]);
        String filter = args.length > 3 ? args[3] : "";
        ProducerBenchmark bench = new ProducerBenchmark();
        bench.setUp();
        Map<String, Callable<Object>> calls = Map.ofEntries(
                Map.entry("finsifyAccounts", bench::finsifyAccounts),
                Map.entry("camelHttpAccounts", bench::camelHttpAccounts),
                Map.entry("httpClientAccounts", bench::httpClientAccounts),
                Map.entry("camelHttpMapAccounts", bench::camelHttpMapAccounts),
                Map.entry("httpClientTreeAccounts", bench::httpClientTreeAccounts),
                Map.entry("finsifyTransactions50", bench::finsifyTransactions50),
                Map.entry("camelHttpTransactions50", bench::camelHttpTransactions50),
                Map.entry("httpClientTransactions50", bench::httpClientTransactions50),
                Map.entry("camelHttpMapTransactions50", bench::camelHttpMapTransactions50),
                Map.entry("httpClientTreeTransactions50", bench::httpClientTreeTransactions50));
        SyncBenchmark sync = new SyncBenchmark();
        CpuMeter meter = new CpuMeter();
        Callable<Object> call = calls.get(variant);
        if (variant.startsWith("sync")) {
            try {
                sync.setUp();
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
            call = switch (variant) {
                case "syncDiff" -> () -> {
                    try {
                        return sync.diffWindow(meter);
                    } catch (Throwable t) {
                        throw new IllegalStateException(t);
                    }
                };
                case "syncPoll" -> () -> sync.pollWindow(meter);
                default -> () -> sync.initialSync(meter);
            };
        }
        long warmEnd = System.nanoTime() + 15_000_000_000L;
        for (Callable<Object> c = call; System.nanoTime() < warmEnd;) {
            c.call();
        }
        Path file = Path.of("target", "profile-" + variant + ".jfr");
        long n = 0;
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(1));
            recording.enable("jdk.ObjectAllocationSample").with("throttle", "5000/s");
            recording.start();
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            while (System.nanoTime() < end) {
                call.call();
                n++;
            }
            recording.stop();
            recording.dump(file);
        }
        bench.tearDown();
        System.out.printf("%s: %,d calls in %d s -> %s%n", variant, n, seconds, file);
        report(file, "jdk.ExecutionSample", filter, false);
        report(file, "jdk.ObjectAllocationSample", filter, true);
        System.exit(0);
    }

    private static void report(Path file, String eventType, String filter, boolean weighted) throws Exception {
        Map<String, Double> inclusive = new HashMap<>();
        Map<String, Double> self = new HashMap<>();
        double total = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            if (!e.getEventType().getName().equals(eventType) || e.getStackTrace() == null) {
                continue;
            }
            String thread = e.hasField("sampledThread") ? e.getThread("sampledThread").getJavaName()
                    : e.hasField("eventThread") && e.getThread() != null ? e.getThread().getJavaName() : "";
            if (!thread.startsWith(System.getProperty("profile.thread", "main"))) {
                continue;
            }
            double w = weighted ? e.getLong("weight") : 1;
            total += w;
            List<RecordedFrame> frames = e.getStackTrace().getFrames();
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < frames.size(); i++) {
                RecordedFrame f = frames.get(i);
                String m = f.getMethod().getType().getName() + "." + f.getMethod().getName();
                if (i == 0) {
                    self.merge(m, w, Double::sum);
                }
                if (seen.add(m)) {
                    inclusive.merge(m, w, Double::sum);
                }
            }
        }
        double t = total;
        System.out.printf("%n== %s (threads " + System.getProperty("profile.thread", "main") + "*), total %,.0f%s%n-- inclusive, matching '%s':%n", eventType, total,
                weighted ? " bytes (sampled weight)" : " samples", filter);
        inclusive.entrySet().stream().filter(x -> x.getKey().contains(filter))
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(60)
                .forEach(x -> System.out.printf("%6.1f%%  %s%n", 100 * x.getValue() / t, x.getKey()));
        System.out.println("-- self (top frame):");
        self.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(15)
                .forEach(x -> System.out.printf("%6.1f%%  %s%n", 100 * x.getValue() / t, x.getKey()));
    }
}
