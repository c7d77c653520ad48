package io.github.camelfinsify.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.camelfinsify.client.FinsifyErrorCode;
import io.github.camelfinsify.sandbox.SandboxLogin;
import io.github.camelfinsify.sandbox.SandboxTransaction;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The polling {@code finsify:transactions} consumer while the sandbox fails its API calls with every fault type: a
 * burst of {@code 1 + maxRetries} faults fails one poll (the client's retries are used up), the consumer keeps
 * polling, and once the faults stop every transaction of the window has been delivered, none twice.
 */
class PollingFeedUnderFaultsTest extends FeedFaultTestSupport {

    /** Counts the polls that failed, and why (Camel calls {@code rollback} for a poll that threw). */
    static final class CountingPollStrategy implements PollingConsumerPollStrategy {
        final FailureCodes failures = new FailureCodes();

        @Override
        public boolean begin(Consumer consumer, Endpoint endpoint) {
            return true;
        }

        @Override
        public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
            // nothing to do
        }

        @Override
        public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
            failures.record(cause);
            return false; // no immediate retry: the next scheduled poll runs as usual
        }
    }

    @Test
    void everyTransactionOfTheWindowIsDeliveredOnceAfterBurstsOfEveryFaultType() throws Exception {
        SandboxLogin login = sandbox().connectLogin("user_good");
        long accountId = login.accountIds().get(0);
        CountingPollStrategy polls = new CountingPollStrategy();
        context.getRegistry().bind("countingPollStrategy", polls);
        route("finsify:transactions?loginSecret=RAW(" + login.secret() + ")&accountId=" + accountId
              + "&initialFromDate=" + windowStart() + "&delay=100&initialDelay=0&pollStrategy=#countingPollStrategy");

        List<SandboxTransaction> added = new ArrayList<>();
        int faults = 0;
        int spacers = 0;
        int expectedFailedPolls = 0;
        // round 1: bursts land on the poll's first call (the account list); round 2: a harmless short delay goes
        // first, so the burst lands on the transaction fetch of the poll that takes it
        for (boolean spacer : new boolean[] {false, true}) {
            for (String type : FAULT_TYPES) {
                if (spacer) {
                    sandbox().injectFault("delay", 1, 20);
                    spacers++;
                }
                inject(type, 1 + MAX_RETRIES);
                faults += 1 + MAX_RETRIES;
                added.addAll(sandbox().addTransactions(accountId, 2));
                int failedPolls = ++expectedFailedPolls;
                await().atMost(Duration.ofSeconds(15)).until(() -> polls.failures.total() >= failedPolls);
            }
        }
        // round 3: one of each type in a row (503, 500, 429, delay, reset, malformed): the calls of two polls use
        // them up, three each, and each poll fails with its last fault (429, then malformed)
        for (String type : FAULT_TYPES) {
            inject(type, 1);
            faults++;
        }
        added.addAll(sandbox().addTransactions(accountId, 2));
        expectedFailedPolls += FAULT_TYPES.size() / (1 + MAX_RETRIES);
        int failedPolls = expectedFailedPolls;
        await().atMost(Duration.ofSeconds(15)).until(() -> polls.failures.total() >= failedPolls);

        List<Long> window = sandboxWindow(accountId);
        await().atMost(Duration.ofSeconds(15)).until(() -> deliveredAddedIds().containsAll(window));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> deliveredAddedIds().size() == window.size());

        List<Long> ids = deliveredAddedIds();
        System.out.println("RELIABILITY: polling consumer under faults: " + faults + " faults injected (+" + spacers
                           + " short delays as spacers), " + polls.failures.total() + " polls failed " + polls.failures
                           + ", " + retryCounter.retries() + " client retries, " + ids.size() + " transactions"
                           + " delivered of " + window.size() + " in the sandbox's window (" + added.size()
                           + " added during the faults), " + duplicates(ids) + " duplicates");
        assertThat(ids).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(window);
        assertThat(ids).containsAll(added.stream().map(SandboxTransaction::id).toList());
        assertThat(delivered).hasSize(window.size()); // nothing but ADDED: no change was reported twice or wrongly
        // each burst of 1 + maxRetries failed exactly one poll, with the mapped exception
        assertThat(polls.failures.total()).isEqualTo(expectedFailedPolls);
        assertThat(polls.failures.other()).isZero();
        assertThat(polls.failures.byCode()).isEqualTo(Map.of(
                FinsifyErrorCode.SERVER_MAINTENANCE, 2,
                FinsifyErrorCode.INTERNAL_ERROR, 2,
                FinsifyErrorCode.RATE_LIMITED, 2 + 1,
                FinsifyErrorCode.NETWORK, 6 + 1));
        assertThat(context.getRouteController().getRouteStatus(context.getRoutes().get(0).getId()).isStarted())
                .isTrue();
    }
}
