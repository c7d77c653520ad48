package io.github.camelfinsify.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

import javax.management.ObjectName;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.camelfinsify.FinsifyConstants;
import io.github.camelfinsify.client.FinsifyClient;
import io.github.camelfinsify.client.FinsifyClientConfig;
import io.github.camelfinsify.jdbc.JdbcLoginDirectory;
import io.github.camelfinsify.jdbc.JdbcStateRepository;
import io.github.camelfinsify.model.Transaction;
import io.github.camelfinsify.sync.DirectoryLogin;
import io.github.camelfinsify.sync.LoginDirectory;
import io.github.camelfinsify.sync.MemoryLoginDirectory;
import jdk.jfr.Recording;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.impl.health.DefaultHealthCheckRegistry;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.apache.camel.support.service.ServiceHelper;

/**
 * Sweeps of a partner's book in this (forked, heap-limited) JVM; prints one {@code RESULT} line.
 *
 * <pre>SweepRun PORT LOGINS THREADS DELAY_MS DB_DIR [JFR_FILE]</pre>
 *
 * The book: logins 1..LOGINS in a {@link JdbcLoginDirectory} on an H2 file database (HikariCP pool), each with the
 * secret the canned server knows ({@link SweepPayloads}); the sync state in a {@link JdbcStateRepository} on the
 * same database. The route: {@code finsify:transactions?loginDirectory=#book&maxConcurrentLogins=THREADS} with a
 * 1 s reconciliation interval (shorter than a sweep, so the sweep runs as fast as it can) and a counting processor.
 * In order:
 * <ol>
 * <li>fill the directory (timed, not part of the sweep);</li>
 * <li>warm up: rounds of a first sync of a separate book of {@value #WARMUP_LOGINS} logins (own tables) and of the
 * same calls by bare {@link FinsifyClient}, so the JIT has compiled both paths before anything is measured;</li>
 * <li>the first sweep (every transaction of the book is new and delivered once: exchanges counted, their ids
 * summed) and the next one, which the consumer starts by itself (nothing new: the calls, the state read and
 * written), measured against bare calls: THREADS threads calling {@code accounts} and {@code transactions} for
 * each account of the book's logins. Without JFR_FILE the sweep and the bare calls alternate in slices
 * ({@link SweepSlices}); with it, the sweeps run without a break under JFR, between two passes of bare calls.</li>
 * </ol>
 */
public final class SweepRun {

    static final int WARMUP_LOGINS = 3_000;
    static final int MIN_WARMUP_ROUNDS = 3;
    /** -Dsweep.maxWarmupRounds=N: warm up for longer, until the JIT is quiet however many rounds it takes. */
    static final int MAX_WARMUP_ROUNDS = Integer.getInteger("sweep.maxWarmupRounds", 10);
    /** The warm-up ends when the JIT compiled for less than this share of a round's time. */
    static final double QUIET_JIT = 0.1;
    static final long WARMUP_FIRST_LOGIN = 10_000_001;
    static final String ROUTE = "sweep";
    static final Duration PHASE_TIMEOUT = Duration.ofMinutes(15);

    private final long logins;
    private final int threads;
    private final long delayMillis;
    private final String base;
    private final LocalDate today = LocalDate.now();
    private final LocalDate from = today.minusDays(90);
    private final HeapWatch heap = new HeapWatch();
    private final CannedServerStats server;
    /** -Dsweep.store=memory: the directory and the state in memory, to tell JDBC's share from the consumer's. */
    private final boolean inMemory = "memory".equals(System.getProperty("sweep.store"));
    /** -Dsweep.firstOnly=true, no warm-up, the first sweep only: a check of the pace, not of the CPU. */
    private final boolean firstOnly = Boolean.getBoolean("sweep.firstOnly");

    private SweepRun(int port, long logins, int threads, long delayMillis) {
        this.base = "http://127.0.0.1:" + port + "/v2";
        this.server = new CannedServerStats(port);
        this.logins = logins;
        this.threads = threads;
        this.delayMillis = delayMillis;
    }

    public static void main(String[] args) throws Exception {
        SweepRun run = new SweepRun(Integer.parseInt(args[0]), Long.parseLong(args[1]), Integer.parseInt(args[2]),
                Long.parseLong(args[3]));
        Map<String, Object> result = run.run(Path.of(args[4]), args.length > 5 ? Path.of(args[5]) : null);
        System.out.println("RESULT " + BenchJson.MAPPER.writeValueAsString(result));
        System.out.flush();
        System.exit(0);
    }

    private Map<String, Object> run(Path dbDir, Path jfr) throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("logins", logins);
        out.put("threads", threads);
        out.put("delayMillis", delayMillis);
        out.put("mode", jfr == null ? "interleaved" : "continuous, under JFR");
        out.put("store", inMemory ? "memory" : "jdbc");
        out.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
        long[] totals = SweepPayloads.totals(1, logins);
        out.put("accounts", totals[0]);
        out.put("transactions", totals[1]);
        long calls = logins + totals[0];
        out.put("callsPerSweep", calls);

        Files.createDirectories(dbDir);
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl("jdbc:h2:file:" + dbDir.resolve("book").toAbsolutePath());
        pool.setUsername("sa");
        pool.setPassword("");
        pool.setPoolName("sweep-db");
        pool.setMaximumPoolSize(threads + 2); // the workers, the scheduler and this thread
        try (HikariDataSource db = new HikariDataSource(pool);
             FinsifyClient client = new FinsifyClient(FinsifyClientConfig.builder().baseUrl(base)
                     .clientId(Payloads.CLIENT_ID).serviceSecret(Payloads.SERVICE_SECRET).build());
             BareCalls bare = new BareCalls(client, 1, logins, from, today, threads);
             BareCalls warmBare = new BareCalls(client, WARMUP_FIRST_LOGIN, WARMUP_LOGINS, from, today, threads)) {
            String key = JdbcLoginDirectory.newSecretKey();
            LoginDirectory book = inMemory ? new MemoryLoginDirectory() : new JdbcLoginDirectory(db, key);
            CountingStateRepository state = new CountingStateRepository(
                    inMemory ? new MemoryStateRepository() : new JdbcStateRepository(db));
            LoginDirectory warmBook = inMemory ? new MemoryLoginDirectory() : warmBook(db, key);
            // the same classes as the book's, so the code compiled during the warm-up is the code measured
            CountingStateRepository warmState = new CountingStateRepository(inMemory ? new MemoryStateRepository()
                    : new JdbcStateRepository(db, "finsify_sync_state_warmup"));
            ServiceHelper.startService(book, state, warmBook, warmState);
            long fillStart = System.nanoTime();
            fill(book, 1, logins);
            out.put("fillSeconds", (System.nanoTime() - fillStart) / 1e9);
            fill(warmBook, WARMUP_FIRST_LOGIN, WARMUP_LOGINS);

            Counter exchanges = new Counter(totals[1]);
            Counter warmExchanges = new Counter(SweepPayloads.totals(WARMUP_FIRST_LOGIN, WARMUP_LOGINS)[1]);
            CamelContext camel = new DefaultCamelContext();
            HealthCheckRegistry health = new DefaultHealthCheckRegistry();
            health.setExposureLevel("full");
            camel.getCamelContextExtension().addContextPlugin(HealthCheckRegistry.class, health);
            camel.getShutdownStrategy().setTimeout(30);
            camel.getRegistry().bind("book", book);
            camel.getRegistry().bind("state", state);
            camel.getRegistry().bind("warmBook", warmBook);
            camel.getRegistry().bind("warmState", warmState);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    // the warm-up polls every millisecond whatever the measured delay: it is there for the JIT
                    from(sweepUri("warmBook", "warmState", 1)).routeId("warmup").autoStartup(false)
                            .process(warmExchanges);
                    from(sweepUri("book", "state", delayMillis)).routeId(ROUTE).autoStartup(false).process(exchanges);
                }
            });
            camel.start();

            out.put("warmup", firstOnly ? List.of() : warmUp(camel, warmExchanges, warmState, warmBare, db));
            out.put("directory", directoryCosts(book));
            out.put("liveHeapBeforeSweepBytes", heap.liveNow());
            out.put("threadsBeforeSweep", ManagementFactory.getThreadMXBean().getThreadCount());
            heap.resetPeak();
            ManagementFactory.getThreadMXBean().resetPeakThreadCount();
            // the first sweep reads each account's state once, the next sweep once more
            state.watchFor(2 * totals[0]);

            if (jfr == null) {
                SweepSlices slices = new SweepSlices(camel, ROUTE, server, bare);
                slices.run(exchanges::done, exchanges::lastNanos, firstOnly ? exchanges::done : state::reached,
                        firstOnly ? exchanges::lastNanos : state::reachedNanos);
                out.put("sweep", sweepFigures(slices.totals(SweepSlices.Kind.FIRST), slices.firstSeconds(), calls,
                        slices.pairedRatios(SweepSlices.Kind.FIRST)));
                out.put("reconciliation", sweepFigures(slices.totals(SweepSlices.Kind.NEXT), slices.nextSeconds(),
                        calls, slices.pairedRatios(SweepSlices.Kind.NEXT)));
                out.put("bare", slices.totals(SweepSlices.Kind.BARE));
            } else {
                continuous(camel, exchanges, state, bare, calls, jfr, out);
            }
            Map<String, Object> sweep = map(out.get("sweep"));
            sweep.put("exchanges", exchanges.count());
            sweep.put("transactionIdsMatch", exchanges.idSum() == idSum(1, logins));
            sweep.put("exchangesWithoutLoginHeader", exchanges.missingHeader());
            map(out.get("reconciliation")).put("exchanges", exchanges.count() - totals[1]);

            Map<String, Object> resources = new LinkedHashMap<>();
            resources.put("peakThreads", ManagementFactory.getThreadMXBean().getPeakThreadCount());
            resources.put("workerThreads", threadsNamed("FinsifyDirectorySync"));
            resources.put("peakHeapAfterAnyGcBytes", heap.peakAfterGc());
            // what the consumer holds once it synced every account of the book twice
            resources.put("liveHeapAtEndBytes", heap.liveNow());
            resources.put("details", details(camel));
            out.put("resources", resources);
            printHistogram();
            camel.getRouteController().stopRoute(ROUTE);
            out.put("state", inMemory ? Map.of("store", "memory") : stateSize(db));
            camel.close();
        }
        long dbBytes = 0;
        try (var files = Files.list(dbDir)) {
            for (Path p : files.toList()) {
                dbBytes += Files.size(p);
            }
        }
        out.put("databaseFileBytes", dbBytes);
        return out;
    }

    private static Map<String, Object> sweepFigures(Map<String, Object> slices, double seconds, long calls,
                                                    Map<String, Object> paired) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("seconds", seconds);
        r.put("calls", calls);
        r.put("callsPerSecond", calls / seconds);
        r.put("pairedRatio", paired);
        r.put("slices", slices);
        // the slices' CPU figures, at the top for the report
        for (String key : List.of("clientCpuMicrosPerCall", "cpuMicrosPerCallByThread", "serverCpuMicrosPerCall",
                "serverEventLoopBusy", "machineBusy", "gcMillis", "jitMillis", "loadAverageAtStart")) {
            r.put(key, slices.get(key));
        }
        return r;
    }

    /** The sweeps without a break, under JFR, between two passes of bare calls (for the profile). */
    private void continuous(CamelContext camel, Counter exchanges, CountingStateRepository state, BareCalls bare,
                            long calls, Path jfr, Map<String, Object> out) throws Exception {
        out.put("bareBefore", onePass(bare));
        PhaseMeter.Snapshot start = PhaseMeter.Snapshot.take(server);
        Recording recording = SweepProfile.startRecording();
        camel.getRouteController().startRoute(ROUTE);
        await(exchanges::done, "the first sweep");
        PhaseMeter.Snapshot firstEnd = PhaseMeter.Snapshot.take(server);
        stop(recording, jfr);
        double first = (exchanges.lastNanos() - start.nanos()) / 1e9;
        PhaseMeter.Totals firstTotals = new PhaseMeter.Totals();
        firstTotals.add(start, firstEnd, first, calls);
        out.put("sweep", sweepFigures(firstTotals.toMap(), first, calls, Map.of()));

        Path jfr2 = jfr.resolveSibling(jfr.getFileName().toString().replace(".jfr", "-reconciliation.jfr"));
        PhaseMeter.Snapshot nextStart = PhaseMeter.Snapshot.take(server);
        Recording next = SweepProfile.startRecording();
        await(state::reached, "the next sweep");
        PhaseMeter.Snapshot nextEnd = PhaseMeter.Snapshot.take(server);
        stop(next, jfr2);
        double seconds = (state.reachedNanos() - exchanges.lastNanos()) / 1e9;
        PhaseMeter.Totals nextTotals = new PhaseMeter.Totals();
        nextTotals.add(nextStart, nextEnd, (nextEnd.nanos() - nextStart.nanos()) / 1e9, calls);
        out.put("reconciliation", sweepFigures(nextTotals.toMap(), seconds, calls, Map.of()));
        ServiceHelper.suspendService(camel.getRoute(ROUTE).getConsumer()); // the sweeps go on otherwise
        out.put("bareAfter", onePass(bare));
        out.put("bare", map(out.get("bareAfter")));
    }

    private Map<String, Object> onePass(BareCalls bare) throws Exception {
        PhaseMeter.Snapshot start = PhaseMeter.Snapshot.take(server);
        long calls = bare.onePass(PHASE_TIMEOUT);
        PhaseMeter.Snapshot end = PhaseMeter.Snapshot.take(server);
        PhaseMeter.Totals totals = new PhaseMeter.Totals();
        totals.add(start, end, (end.nanos() - start.nanos()) / 1e9, calls);
        return totals.toMap();
    }

    private static void stop(Recording recording, Path file) throws Exception {
        recording.stop();
        recording.dump(file);
        recording.close();
    }

    private static void await(BooleanSupplier done, String what) throws InterruptedException {
        long deadline = System.nanoTime() + PHASE_TIMEOUT.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " did not end within " + PHASE_TIMEOUT);
            }
            Thread.sleep(5);
        }
    }

    /**
     * Rounds of a first sync of the warm-up book (its state emptied before each) and of the same calls by bare client,
     * until the JIT compiler is nearly idle (on a loaded machine its queue drains slowly), so that the measured phases
     * compare compiled code with compiled code.
     */
    private List<Map<String, Object>> warmUp(CamelContext camel, Counter counter, CountingStateRepository warmState,
                                             BareCalls bare, HikariDataSource db) throws Exception {
        List<Map<String, Object>> rounds = new ArrayList<>();
        for (int round = 0; round < MAX_WARMUP_ROUNDS; round++) {
            long jit = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
            long started = System.nanoTime();
            if (warmState.inner() instanceof MemoryStateRepository memory) {
                memory.stop(); // empties it
                memory.start();
            } else {
                try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
                    s.executeUpdate("DELETE FROM finsify_sync_state_warmup");
                }
            }
            counter.reset();
            camel.getRouteController().startRoute("warmup");
            await(counter::done, "warm-up round " + (round + 1));
            camel.getRouteController().stopRoute("warmup");
            bare.onePass(PHASE_TIMEOUT);
            double seconds = (System.nanoTime() - started) / 1e9;
            long jitMillis = ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jit;
            rounds.add(Map.of("seconds", seconds, "jitMillis", jitMillis));
            System.out.printf("warm-up round %d: %.1f s, JIT compiling %d ms%n", round + 1, seconds, jitMillis);
            if (round + 1 >= MIN_WARMUP_ROUNDS && jitMillis < QUIET_JIT * seconds * 1000) {
                break;
            }
        }
        camel.removeRoute("warmup");
        return rounds;
    }

    private String sweepUri(String book, String state, long delay) {
        return "finsify:transactions?loginDirectory=#" + book + "&stateRepository=#" + state
               + "&reconciliationInterval=1s&maxConcurrentLogins=" + threads + "&delay=" + delay
               + "&initialDelay=0&greedy=true&initialFromDate=" + from + "&baseUrl=" + base + "&clientId="
               + Payloads.CLIENT_ID + "&serviceSecret=RAW(" + Payloads.SERVICE_SECRET + ")";
    }

    /**
     * What the consumer asks the directory on every poll ({@code LoginSweep.due}: its size, then the next page of
     * ids), timed here at this book size.
     */
    private static Map<String, Object> directoryCosts(LoginDirectory book) {
        int rounds = 50;
        for (int i = 0; i < rounds; i++) { // warm
            book.size();
            book.loginIds(i * 100L, 8);
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            book.size();
        }
        long t1 = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            book.loginIds(i * 1000L, 8);
        }
        long t2 = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            book.secretOf(1 + i);
        }
        long t3 = System.nanoTime();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("sizeMicros", (t1 - t0) / 1e3 / rounds);
        r.put("pageOf8Micros", (t2 - t1) / 1e3 / rounds);
        r.put("secretOfMicros", (t3 - t2) / 1e3 / rounds);
        return r;
    }

    private static JdbcLoginDirectory warmBook(HikariDataSource db, String key) {
        JdbcLoginDirectory book = new JdbcLoginDirectory(db, key);
        book.setTable("finsify_login_warmup");
        return book;
    }

    private static void fill(LoginDirectory book, long first, long count) {
        for (long n = first; n < first + count; n++) {
            book.save(new DirectoryLogin(n, SweepPayloads.secretOf(n), "customer-" + n));
        }
    }

    /** The route's exchanges: how many, the sum of their transaction ids, the time of the last one expected. */
    private static final class Counter implements Processor {
        private final long expected;
        private final AtomicLong count = new AtomicLong();
        private final LongAdder idSum = new LongAdder();
        private final LongAdder missingHeader = new LongAdder();
        private volatile long lastNanos;

        Counter(long expected) {
            this.expected = expected;
        }

        @Override
        public void process(Exchange exchange) {
            idSum.add(exchange.getIn().getBody(Transaction.class).id());
            if (exchange.getIn().getHeader(FinsifyConstants.LOGIN_ID) == null) {
                missingHeader.increment();
            }
            if (count.incrementAndGet() == expected) {
                lastNanos = System.nanoTime();
            }
        }

        boolean done() {
            return count.get() >= expected;
        }

        void reset() {
            count.set(0);
            idSum.reset();
            missingHeader.reset();
        }

        long count() {
            return count.get();
        }

        long idSum() {
            return idSum.sum();
        }

        long missingHeader() {
            return missingHeader.sum();
        }

        long lastNanos() {
            return lastNanos;
        }
    }

    private static long idSum(long first, long count) {
        long sum = 0;
        for (long n = first; n < first + count; n++) {
            for (int j = 0; j < SweepPayloads.accountCount(n); j++) {
                long account = SweepPayloads.accountId(n, j);
                for (int i = 0; i < SweepPayloads.transactionCount(account); i++) {
                    sum += SweepPayloads.transactionId(account, i);
                }
            }
        }
        return sum;
    }

    private static long threadsNamed(String part) {
        long n = 0;
        for (ThreadInfo info : ManagementFactory.getThreadMXBean().dumpAllThreads(false, false)) {
            if (info.getThreadName().contains(part)) {
                n++;
            }
        }
        return n;
    }
    private static Map<String, Object> details(CamelContext camel) {
        for (HealthCheck.Result result : HealthCheckHelper.invoke(camel)) {
            if (result.getCheck().getId().equals("consumer:finsify-directory-" + ROUTE)) {
                return new LinkedHashMap<>(result.getDetails());
            }
        }
        return Map.of();
    }
    private static Map<String, Object> stateSize(HikariDataSource db) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*), SUM(LENGTH(state_value)), MIN(LENGTH(state_value)), "
                                           + "MAX(LENGTH(state_value)) FROM " + JdbcStateRepository.DEFAULT_TABLE
                                           + " WHERE state_key LIKE 'finsify-sync:%'")) {
            rs.next();
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("accounts", rs.getLong(1));
            r.put("bytes", rs.getLong(2)); // base-36 ASCII: one byte per character
            r.put("bytesPerAccount", rs.getLong(1) == 0 ? 0 : (double) rs.getLong(2) / rs.getLong(1));
            r.put("minBytes", rs.getLong(3));
            r.put("maxBytes", rs.getLong(4));
            return r;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    /** The largest classes on the heap, into this JVM's output (results/raw/sweep/): what grows with the book. */
    private static void printHistogram() {
        try {
            String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] { new String[0] }, new String[] { String[].class.getName() });
            String[] lines = histogram.split("\n");
            System.out.println("Class histogram at the end of the sweep (live objects, largest first):");
            for (int i = 0; i < Math.min(lines.length, 28); i++) {
                System.out.println(lines[i]);
            }
            System.out.println(lines[lines.length - 1]);
        } catch (Exception e) {
            System.out.println("no class histogram: " + e);
        }
    }
}
