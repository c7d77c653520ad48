package io.github.camelfinsify.sync;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.github.camelfinsify.bench.BenchJson;
import io.github.camelfinsify.bench.CpuMeter;
import io.github.camelfinsify.bench.Payloads;
import io.github.camelfinsify.ChangeType;
import io.github.camelfinsify.client.FinsifyClient;
import io.github.camelfinsify.client.FinsifyClientConfig;
import io.github.camelfinsify.model.Transaction;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * The sync feed ({@link TransactionSync}, {@link SyncState}; its diff is private, hence reflection) on one account
 * whose look-back window holds 10,000 transactions. The stored state knows 9,900 of them, 100 of those with other
 * content, plus 100 that the window no longer lists: each diff finds 100 ADDED, 100 MODIFIED and 100 REMOVED.
 * <ul>
 * <li>{@code diffWindow}: decode the stored state and diff the (already parsed) window against it: the sync's own
 * cost, without HTTP and JSON.</li>
 * <li>{@code pollWindow}: one whole poll of the account as the consumers run it: open a session (GET the 10,000
 * transactions from the canned server, parse, diff), commit the 300 changes, close (save the state).</li>
 * <li>{@code initialSync}: the first poll of such an account: empty state, 10,000 ADDED, all committed.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
public class SyncBenchmark {

    static final int CHANGES_PER_KIND = 100;

    private List<Transaction> window;
    private String storedState;
    private LocalDate today;
    private LocalDate from;
    private MethodHandle diff;
    private FinsifyClient client;
    private MemoryStateRepository repository;
    private TransactionSync sync;
    private final String key = TransactionSync.stateKey(Payloads.ACCOUNT_WINDOW);

    @Setup(Level.Trial)
    public void setUp() throws Throwable {
        today = LocalDate.now();
        window = window(today);
        storedState = storedState(window, today);
        from = today.minusDays(Payloads.WINDOW_DAYS);
        Method m = TransactionSync.class.getDeclaredMethod("diff", long.class, SyncState.class, List.class,
                LocalDate.class, LocalDate.class);
        m.setAccessible(true);
        diff = MethodHandles.lookup().unreflect(m);

        repository = new MemoryStateRepository();
        repository.start();
        sync = new TransactionSync(repository, Payloads.WINDOW_DAYS, Payloads.windowStart(today),
                Set.of(ChangeType.values()), Clock.systemDefaultZone());
        int port = Integer.getInteger("bench.port", -1);
        if (port > 0) {
            client = new FinsifyClient(FinsifyClientConfig.builder()
                    .baseUrl("http://127.0.0.1:" + port + "/v2")
                    .clientId(Payloads.CLIENT_ID).serviceSecret(Payloads.SERVICE_SECRET)
                    .maxRetries(0).responseTimeout(Duration.ofSeconds(30)).build());
        }
        int expected = 3 * CHANGES_PER_KIND;
        if (diffWindow(new CpuMeter()).size() != expected) {
            throw new IllegalStateException("diffWindow: expected " + expected + " changes");
        }
        if (client != null) {
            if (pollWindow(new CpuMeter()) != expected) {
                throw new IllegalStateException("pollWindow: expected " + expected + " changes");
            }
            if (initialSync(new CpuMeter()) != Payloads.WINDOW_SIZE) {
                throw new IllegalStateException("initialSync: expected " + Payloads.WINDOW_SIZE + " changes");
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        if (client != null) {
            client.close();
        }
    }

    /** The 10,000 transactions the canned server lists for the window account, parsed. */
    public static List<Transaction> window(LocalDate today) throws IOException {
        byte[] body = Payloads.transactions(Payloads.WINDOW_SIZE, 50_000_000, Payloads.windowStart(today),
                Payloads.WINDOW_DAYS);
        return BenchJson.MAPPER.readValue(body, BenchJson.TransactionsEnvelope.class).data();
    }

    /** The state as a previous poll left it: 9,900 of the window (100 with other content) and 100 now gone. */
    public static String storedState(List<Transaction> window, LocalDate today) {
        SyncState state = SyncState.empty();
        state.cursor(today);
        for (int i = 0; i < window.size(); i++) {
            SyncState.Fingerprint fp = SyncState.Fingerprint.of(window.get(i));
            if (i % 100 == 0) {
                continue; // not known yet: ADDED
            }
            if (i % 100 == 1) {
                fp = new SyncState.Fingerprint(fp.id(), fp.epochDay(), fp.hash() ^ 1); // MODIFIED
            }
            state.put(fp);
        }
        for (int i = 0; i < CHANGES_PER_KIND; i++) {
            // known, dated inside the window, no longer listed: REMOVED
            state.put(new SyncState.Fingerprint(900_000_000L + i, today.minusDays(i % Payloads.WINDOW_DAYS)
                    .toEpochDay(), 42));
        }
        return state.encode();
    }

    /** The encoded state of an account whose window holds 10,000 transactions, as stored in the repository. */
    public static String fullState(List<Transaction> window, LocalDate today) {
        SyncState state = SyncState.empty();
        state.cursor(today);
        window.forEach(tx -> state.put(SyncState.Fingerprint.of(tx)));
        return state.encode();
    }

    @Benchmark
    @SuppressWarnings("unchecked")
    public List<TransactionChange> diffWindow(CpuMeter meter) throws Throwable {
        meter.calls++;
        SyncState state = SyncState.decode(storedState);
        return (List<TransactionChange>) diff.invoke(Payloads.ACCOUNT_WINDOW, state, window, from, today);
    }

    @Benchmark
    public int pollWindow(CpuMeter meter) {
        meter.calls++;
        repository.setState(key, storedState);
        return commitAll();
    }

    @Benchmark
    public int initialSync(CpuMeter meter) {
        meter.calls++;
        repository.setState(key, ""); // no usable state: a first sync
        return commitAll();
    }

    private int commitAll() {
        try (TransactionSync.Session session = sync.open(client, Payloads.LOGIN_SECRET, Payloads.ACCOUNT_WINDOW)) {
            for (TransactionChange change : session.changes()) {
                session.commit(change);
            }
            return session.changes().size();
        }
    }
}
