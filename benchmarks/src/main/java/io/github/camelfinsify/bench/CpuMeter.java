package io.github.camelfinsify.bench;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.ThreadMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * CPU time and allocated bytes of the calling (benchmark) thread, per call, over the measurement iterations only.
 * JMH runs a thread-scoped state's iteration fixtures on the benchmark thread itself, so the current thread's counters
 * are those of the calls. The totals go to {@code -Dbench.cpu.dir}/BENCHMARK.properties, read back by {@link RunAll}.
 * The whole-process CPU (GC and JIT threads included) is recorded beside it.
 */
@State(Scope.Thread)
public class CpuMeter {

    private static final ThreadMXBean THREADS =
            (ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    public long calls;

    private boolean measuring;
    private long threadId;
    private long cpuStart;
    private long allocStart;
    private long processCpuStart;
    private long totalCalls;
    private long totalCpu;
    private long totalAlloc;
    private long totalProcessCpu;
    private boolean sameThread = true;

    @Setup(Level.Iteration)
    public void start(IterationParams iteration) {
        measuring = iteration.getType() == IterationType.MEASUREMENT;
        threadId = Thread.currentThread().getId();
        calls = 0;
        processCpuStart = OS.getProcessCpuTime();
        allocStart = THREADS.getCurrentThreadAllocatedBytes();
        cpuStart = THREADS.getCurrentThreadCpuTime();
    }

    @TearDown(Level.Iteration)
    public void stop() {
        long cpu = THREADS.getCurrentThreadCpuTime() - cpuStart;
        long alloc = THREADS.getCurrentThreadAllocatedBytes() - allocStart;
        long processCpu = OS.getProcessCpuTime() - processCpuStart;
        sameThread &= threadId == Thread.currentThread().getId();
        if (measuring) {
            totalCalls += calls;
            totalCpu += cpu;
            totalAlloc += alloc;
            totalProcessCpu += processCpu;
        }
    }

    @TearDown(Level.Trial)
    public void write(BenchmarkParams benchmark) throws IOException {
        String dir = System.getProperty("bench.cpu.dir");
        if (dir == null) {
            return;
        }
        Properties p = new Properties();
        p.setProperty("calls", Long.toString(totalCalls));
        p.setProperty("threadCpuNanos", Long.toString(totalCpu));
        p.setProperty("threadAllocBytes", Long.toString(totalAlloc));
        p.setProperty("processCpuNanos", Long.toString(totalProcessCpu));
        p.setProperty("sameThread", Boolean.toString(sameThread));
        Files.createDirectories(Path.of(dir));
        try (var out = Files.newOutputStream(Path.of(dir, benchmark.getBenchmark() + ".properties"))) {
            p.store(out, "CpuMeter");
        }
    }
}
