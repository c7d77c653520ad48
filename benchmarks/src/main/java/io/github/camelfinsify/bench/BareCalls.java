package io.github.camelfinsify.bench;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import io.github.camelfinsify.client.FinsifyClient;
import io.github.camelfinsify.model.Account;

/**
 * What the sweep's calls cost without the sync: {@code threads} threads take the book's logins in turn and call
 * {@code accounts}, then {@code transactions} for each account, with a plain {@link FinsifyClient}. The logins are
 * taken round the book, so slices of time can follow each other without running out.
 */
final class BareCalls implements AutoCloseable {

    private final FinsifyClient client;
    private final long first;
    private final long count;
    private final LocalDate from;
    private final LocalDate to;
    private final int threads;
    private final ExecutorService pool;
    private final AtomicLong next = new AtomicLong();
    private final LongAdder calls = new LongAdder();

    BareCalls(FinsifyClient client, long first, long count, LocalDate from, LocalDate to, int threads) {
        this.client = client;
        this.first = first;
        this.count = count;
        this.from = from;
        this.to = to;
        this.threads = threads;
        this.pool = Executors.newFixedThreadPool(threads, r -> new Thread(r, "bare-caller"));
    }

    /** Calls for every login once, from where the last run stopped; answers the calls made. */
    long onePass(Duration timeout) throws Exception {
        long end = next.get() + count;
        return run(n -> n < end, timeout);
    }

    /** Calls until {@code nanos} from now (each thread finishes its login); answers the calls made. */
    long forNanos(long nanos, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + nanos;
        return run(n -> System.nanoTime() - deadline < 0, timeout);
    }

    private long run(Condition more, Duration timeout) throws Exception {
        long before = calls.sum();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                for (long n = next.getAndIncrement(); more.holds(n); n = next.getAndIncrement()) {
                    String secret = SweepPayloads.secretOf(first + Math.floorMod(n, count));
                    List<Account> accounts = client.accounts(secret).data();
                    calls.increment();
                    for (Account account : accounts) {
                        client.transactions(secret, account.id(), from, to);
                        calls.increment();
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get(timeout.toSeconds(), TimeUnit.SECONDS);
        }
        return calls.sum() - before;
    }

    @FunctionalInterface
    private interface Condition {
        boolean holds(long turn);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
