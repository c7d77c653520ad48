package io.github.camelfinsify.sync;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The account locks of the sync sessions: one session per account at a time, and no lock kept once released. */
class AccountLocksTest {

    private final AccountLocks locks = new AccountLocks();

    @Test
    void aSecondSessionOfTheSameAccountWaitsUntilTheFirstLetsGo() throws Exception {
        AccountLocks.Held first = locks.lock(42);

        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            assertThat(other.submit(() -> locks.tryLock(42, Duration.ofMillis(50))).get()).isNull();
            assertThat(other.submit(() -> locks.tryLock(43, Duration.ofMillis(50))).get()).isNotNull();
            first.unlock();
            assertThat(other.submit(() -> locks.tryLock(42, Duration.ofMillis(50))).get()).isNotNull();
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void sessionsOfOneAccountNeverOverlapUnderContention() throws Exception {
        int accounts = 3;
        AtomicIntegerArray inside = new AtomicIntegerArray(accounts);
        AtomicInteger overlaps = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                work.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        int account = i % accounts;
                        AccountLocks.Held held = locks.lock(account);
                        if (inside.incrementAndGet(account) > 1) {
                            overlaps.incrementAndGet();
                        }
                        Thread.onSpinWait();
                        inside.decrementAndGet(account);
                        held.unlock();
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(overlaps).hasValue(0);
        assertThat(locks.size()).isZero();
    }

    @Test
    void aSweptBookLeavesNoLockBehind() throws Exception {
        for (long account = 1; account <= 10_000; account++) {
            locks.lock(account).unlock();
        }
        AccountLocks.Held held = locks.lock(7);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            assertThat(other.submit(() -> locks.tryLock(7, Duration.ofMillis(20))).get()).isNull(); // gave up
        } finally {
            other.shutdownNow();
        }
        assertThat(locks.size()).isEqualTo(1);
        held.unlock();

        assertThat(locks.size()).isZero();
    }
}
