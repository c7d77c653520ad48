package io.github.camelfinsify.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.support.service.ServiceHelper;

/**
 * The sweep and the bare calls in alternating slices of time, so that each of the sweep's slices has bare neighbours
 * that ran on the same machine a moment before and after (on a shared machine the load moves by a factor of two
 * within a minute). A sweep slice resumes the consumer, lets it run {@link #SLICE}, suspends it and waits for the
 * logins in flight to finish; a bare slice then runs the bare calls for as long. This goes on through the first
 * sweep (every transaction new) and the next one (nothing new), which the consumer starts by itself.
 */
final class SweepSlices {

    static final Duration SLICE = Duration.ofMillis(500);
    /** The thread group of the consumer's scheduler. */
    static final String SCHEDULER = "Camel thread # - finsify://transactions";
    private static final Duration TIMEOUT = Duration.ofMinutes(15);

    /** Which sweep a slice belongs to; a slice in which the first sweep ended belongs to neither. */
    enum Kind { FIRST, NEXT, BOUNDARY, BARE }

    record Slice(Kind kind, double seconds, long calls) {
        double rate() {
            return calls / seconds;
        }
    }

    private final CamelContext camel;
    private final String route;
    private final CannedServerStats server;
    private final BareCalls bare;
    private final List<Slice> slices = new ArrayList<>();
    private final Map<Kind, PhaseMeter.Totals> totals = new LinkedHashMap<>();
    private double firstSeconds;
    private double nextSeconds;

    SweepSlices(CamelContext camel, String route, CannedServerStats server, BareCalls bare) {
        this.camel = camel;
        this.route = route;
        this.server = server;
        this.bare = bare;
        for (Kind kind : Kind.values()) {
            // while the bare calls run, the suspended consumer's scheduler still wakes every delay, doing nothing
            totals.put(kind, kind == Kind.BARE ? new PhaseMeter.Totals(SCHEDULER) : new PhaseMeter.Totals());
        }
    }

    /**
     * Runs the slices until the next sweep ended.
     *
     * @param firstDone whether the first sweep delivered everything
     * @param firstEnd  when it did (nanoTime)
     * @param nextDone  whether the next sweep synced every account
     * @param nextEnd   when it did
     */
    void run(BooleanSupplier firstDone, LongSupplier firstEnd, BooleanSupplier nextDone, LongSupplier nextEnd)
            throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        Consumer consumer = null;
        while (!nextDone.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the sweeps did not end within " + TIMEOUT);
            }
            boolean firstBefore = firstDone.getAsBoolean();
            PhaseMeter.Snapshot start = PhaseMeter.Snapshot.take(server);
            if (consumer == null) {
                camel.getRouteController().startRoute(route);
                consumer = camel.getRoute(route).getConsumer();
            } else {
                ServiceHelper.resumeService(consumer);
            }
            long windowEnd = start.nanos() + SLICE.toNanos();
            while (System.nanoTime() - windowEnd < 0 && !nextDone.getAsBoolean()) {
                Thread.sleep(2);
            }
            ServiceHelper.suspendService(consumer);
            long suspended = System.nanoTime();
            CannedServerStats.Reading atSuspend = server.read();
            PhaseMeter.Snapshot end = drained();
            Kind kind;
            double seconds;
            if (!firstBefore && firstDone.getAsBoolean()) {
                kind = Kind.BOUNDARY;
                firstSeconds += (firstEnd.getAsLong() - start.nanos()) / 1e9;
                nextSeconds += (suspended - firstEnd.getAsLong()) / 1e9;
                seconds = (suspended - start.nanos()) / 1e9;
            } else if (!firstBefore) {
                kind = Kind.FIRST;
                seconds = (suspended - start.nanos()) / 1e9;
                firstSeconds += seconds;
            } else {
                // the next sweep, or its end and the start of the one after: the same work (nothing new)
                kind = Kind.NEXT;
                seconds = (suspended - start.nanos()) / 1e9;
                nextSeconds += nextDone.getAsBoolean() ? (nextEnd.getAsLong() - start.nanos()) / 1e9 : seconds;
            }
            // the window's calls; the CPU of the logins that finish after it counts with the calls they made
            slices.add(new Slice(kind, seconds, atSuspend.calls() - start.server().calls()));
            System.out.printf("slice %-8s %6.3f s %,7d calls %,8.0f calls/s%n", kind, seconds,
                    atSuspend.calls() - start.server().calls(), (atSuspend.calls() - start.server().calls()) / seconds);
            totals.get(kind).add(start, end, seconds, end.server().calls() - start.server().calls());
            bareSlice();
        }
    }

    /** The time the first sweep's own work took, slices added up (the end inside its last slice). */
    double firstSeconds() {
        return firstSeconds;
    }

    /** The same for the next sweep, from the end of the first. */
    double nextSeconds() {
        return nextSeconds;
    }

    private void bareSlice() throws Exception {
        PhaseMeter.Snapshot start = PhaseMeter.Snapshot.take(server);
        long calls = bare.forNanos(SLICE.toNanos(), TIMEOUT);
        PhaseMeter.Snapshot end = PhaseMeter.Snapshot.take(server);
        double seconds = (end.nanos() - start.nanos()) / 1e9;
        slices.add(new Slice(Kind.BARE, seconds, calls));
        System.out.printf("slice %-8s %6.3f s %,7d calls %,8.0f calls/s%n", Kind.BARE, seconds, calls, calls / seconds);
        totals.get(Kind.BARE).add(start, end, seconds, calls);
    }

    /** Waits until the server sees no more calls (the logins in flight when suspended are done). */
    private PhaseMeter.Snapshot drained() throws InterruptedException {
        long last = -1;
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            long calls = server.read().calls();
            if (calls == last) {
                break;
            }
            last = calls;
            Thread.sleep(5);
        }
        return PhaseMeter.Snapshot.take(server);
    }

    Map<String, Object> totals(Kind kind) {
        return totals.get(kind).toMap();
    }

    /**
     * Each full slice of a sweep against the mean of its bare neighbours (the slices just before and after it):
     * median, minimum and maximum of those ratios.
     */
    Map<String, Object> pairedRatios(Kind kind) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < slices.size(); i++) {
            Slice s = slices.get(i);
            if (s.kind() != kind || s.seconds() < SLICE.toNanos() / 2e9) {
                continue;
            }
            double sum = 0;
            int n = 0;
            for (int j : new int[] { i - 1, i + 1 }) {
                if (j >= 0 && j < slices.size() && slices.get(j).kind() == Kind.BARE) {
                    sum += slices.get(j).rate();
                    n++;
                }
            }
            if (n > 0) {
                ratios.add(s.rate() / (sum / n));
            }
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("slices", ratios.size());
        if (!ratios.isEmpty()) {
            List<Double> sorted = ratios.stream().sorted().toList();
            int mid = sorted.size() / 2;
            r.put("median", sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2);
            r.put("min", sorted.get(0));
            r.put("max", sorted.get(sorted.size() - 1));
        }
        return r;
    }
}
