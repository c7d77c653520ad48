package io.github.camelfinsify.sync;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reconciliation sweep: every login once per interval at an even pace, the directory read a page at a time.
 */
class LoginSweepTest {

    private static final Duration INTERVAL = Duration.ofSeconds(100);

    private final AtomicLong nanos = new AtomicLong();
    private final PagedBook book = new PagedBook();

    private LoginSweep sweep(int pageSize) {
        return new LoginSweep(book, INTERVAL, LoginSweep.START, nanos::get, pageSize);
    }

    private static List<Long> ids(List<ListedLogin> logins) {
        return logins.stream().map(ListedLogin::loginId).toList();
    }

    private void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    @Test
    void everyLoginIsHandedOutOncePerSweepAtTheIntervalsPace() {
        book.fill(1, 100);
        LoginSweep sweep = sweep(8);

        List<Long> handedOut = new ArrayList<>();
        for (int second = 0; second < 100; second++) {
            advance(Duration.ofSeconds(1));
            List<Long> due = ids(sweep.due(50));
            assertThat(due).hasSize(1); // 100 logins in 100 s: one a second, no burst
            handedOut.addAll(due);
        }

        assertThat(handedOut).containsExactlyElementsOf(LongStream.rangeClosed(1, 100).boxed().toList());
        assertThat(sweep.rounds()).isEqualTo(1);
        assertThat(sweep.cursor()).isEqualTo(LoginSweep.START);
    }

    @Test
    void theDirectoryIsReadAPageAtATimeNotOncePerCall() {
        book.fill(1, 100);
        LoginSweep sweep = sweep(8);

        for (int second = 0; second < 100; second++) {
            advance(Duration.ofSeconds(1));
            sweep.due(50);
        }

        assertThat(book.pageReads).isEqualTo(13); // 100 logins in pages of 8
        assertThat(book.sizeReads).isEqualTo(13); // once at the start (for the first page too), then with each page
    }

    @Test
    void aFastSweepReadsTheSizeAtMostOnceASecondWhateverItsPages() {
        book.fill(1, 100);
        LoginSweep sweep = new LoginSweep(book, Duration.ofMillis(100), LoginSweep.START, nanos::get, 8);

        List<Long> handedOut = new ArrayList<>();
        for (int tick = 0; tick < 200; tick++) { // two seconds in steps of 10 ms: twenty sweeps of 13 pages
            advance(Duration.ofMillis(10));
            handedOut.addAll(ids(sweep.due(1_000)));
        }

        assertThat(book.pageReads).isGreaterThan(200);
        assertThat(book.sizeReads).isEqualTo(2); // at the start, and one second later
        assertThat(handedOut).hasSize(2_000);
    }

    @Test
    void thePageStartTrailsTheCursorSoARestartFromItRepeatsAtMostAPage() {
        book.fill(1, 100);
        LoginSweep sweep = sweep(8);

        advance(Duration.ofSeconds(10));
        assertThat(ids(sweep.due(50))).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);

        assertThat(sweep.cursor()).isEqualTo(10);
        assertThat(sweep.pageStart()).isEqualTo(8); // the second page was read after login 8
        LoginSweep restarted = new LoginSweep(book, INTERVAL, sweep.pageStart(), nanos::get, 8);
        advance(Duration.ofSeconds(3));
        assertThat(ids(restarted.due(50))).containsExactly(9L, 10L, 11L);
    }

    @Test
    void aSweepThatEndsStartsTheNextFromTheFirstLogin() {
        book.fill(1, 5);
        LoginSweep sweep = sweep(8);

        advance(INTERVAL);
        assertThat(ids(sweep.due(50))).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(sweep.rounds()).isEqualTo(1);
        advance(INTERVAL.dividedBy(5));
        assertThat(ids(sweep.due(50))).containsExactly(1L);
    }

    @Test
    void anEmptyBookHandsOutNothingAndNoticesItsFirstLogin() {
        LoginSweep sweep = sweep(8);
        advance(INTERVAL);
        assertThat(ids(sweep.due(50))).isEmpty();

        book.fill(7, 1);
        advance(INTERVAL);
        assertThat(ids(sweep.due(50))).containsExactly(7L);
    }

    @Test
    void aPausedSweepHandsOutNothing() {
        book.fill(1, 100);
        LoginSweep sweep = sweep(8);

        sweep.pause();
        advance(INTERVAL);

        assertThat(ids(sweep.due(50))).isEmpty();
        assertThat(sweep.isPaused()).isTrue();
    }

    @Test
    void aResumedSweepGoesOnFromItsCursorWithoutMakingUpThePause() {
        book.fill(1, 100);
        LoginSweep sweep = sweep(8);
        advance(Duration.ofSeconds(3));
        assertThat(ids(sweep.due(50))).containsExactly(1L, 2L, 3L);

        sweep.pause();
        advance(Duration.ofSeconds(30));
        sweep.due(50);
        advance(Duration.ofSeconds(30));
        sweep.resume();
        advance(Duration.ofSeconds(2));

        assertThat(ids(sweep.due(50))).containsExactly(4L, 5L); // two seconds' worth, not a minute's
        assertThat(sweep.isPaused()).isFalse();
    }

    /** A directory that counts how often it is asked. */
    private static final class PagedBook implements LoginDirectory {
        private final MemoryLoginDirectory logins = new MemoryLoginDirectory();
        int pageReads;
        int sizeReads;

        void fill(long first, int count) {
            for (long id = first; id < first + count; id++) {
                logins.save(new DirectoryLogin(id, "secret-" + id, null));
            }
        }

        @Override
        public List<Long> loginIds(long afterLoginId, int limit) {
            pageReads++;
            return logins.loginIds(afterLoginId, limit);
        }

        @Override
        public String secretOf(long loginId) {
            return logins.secretOf(loginId);
        }

        @Override
        public void save(DirectoryLogin login) {
            logins.save(login);
        }

        @Override
        public void remove(long loginId) {
            logins.remove(loginId);
        }

        @Override
        public long size() {
            sizeReads++;
            return logins.size();
        }
    }
}
