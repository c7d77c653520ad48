package io.github.camelfinsify.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * The heap as the garbage collector sees it: the largest occupancy right after any GC since the last
 * {@link #resetPeak()} (an upper bound of what was live, since a young GC leaves old garbage in place), and the
 * occupancy after a full GC ({@link #liveNow()}), which is what is really live at that moment.
 */
final class HeapWatch {

    private final AtomicLong peakAfterGc = new AtomicLong();
    private final AtomicLong afterExplicitGc = new AtomicLong(-1);
    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName)
            .collect(Collectors.toSet());

    HeapWatch() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    return;
                }
                GarbageCollectionNotificationInfo info =
                        GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                long after = 0;
                for (var pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                    if (heapPools.contains(pool.getKey())) {
                        after += pool.getValue().getUsed();
                    }
                }
                long value = after;
                peakAfterGc.accumulateAndGet(value, Math::max);
                if ("System.gc()".equals(info.getGcCause())) {
                    afterExplicitGc.set(value);
                }
            }, null, null);
        }
    }

    void resetPeak() {
        peakAfterGc.set(0);
    }

    long peakAfterGc() {
        return peakAfterGc.get();
    }

    /** Heap in use right after a full GC (what other threads allocate meanwhile does not count). */
    long liveNow() throws InterruptedException {
        afterExplicitGc.set(-1);
        System.gc();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (afterExplicitGc.get() < 0 && System.nanoTime() < deadline) {
            Thread.sleep(10); // the notification arrives on another thread
        }
        return afterExplicitGc.get();
    }

    /** Collections and milliseconds spent in them, over every collector. */
    static long[] gcCountAndMillis() {
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            millis += Math.max(0, gc.getCollectionTime());
        }
        return new long[] { count, millis };
    }
}
