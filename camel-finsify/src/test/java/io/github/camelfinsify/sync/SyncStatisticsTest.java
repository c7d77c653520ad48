package io.github.camelfinsify.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.github.camelfinsify.ChangeType;
import io.github.camelfinsify.client.FinsifyErrorCode;
import io.github.camelfinsify.test.SettableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sync consumer's statistics: counts, lag from each login's last completed sync, and failing logins since when.
 */
class SyncStatisticsTest {

    private static final Instant START = Instant.parse("2026-12-02T10:00:00Z");

    private final SettableClock clock = new SettableClock(START);
    private final SyncStatistics statistics = new SyncStatistics(clock);

    @Test
    void lagIsTheAgeOfEachLoginsLastCompletedSync() {
        statistics.loginSynced(1);
        clock.advance(Duration.ofSeconds(30));
        statistics.loginSynced(2);
        clock.advance(Duration.ofSeconds(10));

        assertThat(statistics.lagSeconds()).containsExactly(10.0, 40.0);
        assertThat(statistics.oldestLag()).isEqualTo(Duration.ofSeconds(40));
        assertThat(statistics.mostBehind(1)).extracting(SyncStatistics.LoginLag::loginId).containsExactly(1L);
    }

    @Test
    void eachCompletedSyncAfterTheFirstTellsHowLongAgoTheLoginsPreviousOneWas() {
        List<Long> lags = new ArrayList<>();
        statistics.onSyncLag(lags::add);

        statistics.loginSynced(1);
        clock.advance(Duration.ofSeconds(30));
        statistics.loginSynced(2);
        clock.advance(Duration.ofSeconds(15));
        statistics.loginSynced(1);

        assertThat(lags).containsExactly(45_000L);
    }

    @Test
    void aFailingLoginKeepsTheTimeOfItsFirstFailureAndTheCodeOfItsLast() {
        statistics.loginFailed(7, FinsifyErrorCode.NETWORK);
        clock.advance(Duration.ofMinutes(5));
        statistics.loginFailed(7, FinsifyErrorCode.INTERNAL_ERROR);

        assertThat(statistics.longestFailing(10)).containsExactly(
                new SyncStatistics.FailingLogin(7, START, FinsifyErrorCode.INTERNAL_ERROR));
        assertThat(statistics.errors()).containsOnlyKeys(FinsifyErrorCode.NETWORK, FinsifyErrorCode.INTERNAL_ERROR);
        assertThat(statistics.errors().get(FinsifyErrorCode.INTERNAL_ERROR))
                .isEqualTo(new SyncStatistics.ErrorCount(1, START.plus(Duration.ofMinutes(5))));
    }

    @Test
    void aCompletedSyncEndsFailingAndNeedingTheUser() {
        statistics.loginFailed(7, FinsifyErrorCode.NETWORK);
        statistics.loginNeedsUser(7);

        statistics.loginSynced(7);

        assertThat(statistics.loginsFailing()).isZero();
        assertThat(statistics.loginsNeedingUser()).isZero();
        assertThat(statistics.loginsSynced()).isEqualTo(1);
    }

    @Test
    void changesAreCountedByType() {
        statistics.changeDelivered(ChangeType.ADDED);
        statistics.changeDelivered(ChangeType.ADDED);
        statistics.changeDelivered(ChangeType.REMOVED);

        assertThat(statistics.changes(ChangeType.ADDED)).isEqualTo(2);
        assertThat(statistics.changes(ChangeType.MODIFIED)).isZero();
        assertThat(statistics.changes(ChangeType.REMOVED)).isEqualTo(1);
    }

    @Test
    void aLoginThatIsGoneIsForgotten() {
        statistics.loginSynced(3);
        statistics.loginFailed(3, FinsifyErrorCode.LOGIN_NOT_FOUND);

        statistics.loginGone(3);

        assertThat(statistics.loginsTracked()).isZero();
        assertThat(statistics.loginsFailing()).isZero();
    }
}
