package io.github.camelfinsify.consumer;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.github.camelfinsify.FinsifyComponent;
import io.github.camelfinsify.FinsifyConstants;
import io.github.camelfinsify.model.LoginStatus;
import io.github.camelfinsify.model.LoginStatusEvent;
import io.github.camelfinsify.model.Transaction;
import io.github.camelfinsify.sandbox.SandboxLogin;
import io.github.camelfinsify.sandbox.SandboxTransaction;
import io.github.camelfinsify.sync.DirectoryLogin;
import io.github.camelfinsify.sync.MemoryLoginDirectory;
import io.github.camelfinsify.sync.MemoryLoginStatusStore;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With replicas, the login-status webhook may reach another instance while this one is in the middle of the login's
 * sync. The status arrives through the shared store, as the other replica's webhook consumer writes it, and the
 * sync of that login stops within one poll instead of running to its end.
 */
class DirectoryStatusMidSyncTest extends SandboxConsumerTestSupport {

    private static final LocalDate FROM = LocalDate.now().minusYears(3); // hundreds of changes per login

    private final MemoryLoginDirectory book = new MemoryLoginDirectory();
    private final MemoryLoginStatusStore sharedStatuses = new MemoryLoginStatusStore();
    private final List<Exchange> delivered = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    @Override
    public boolean isUseRouteBuilder() {
        return false;
    }

    @Test
    void aStatusLearnedElsewhereStopsTheLoginsSyncInFlightWithinOnePoll() throws Exception {
        SandboxLogin locked = sandbox().connectLogin("user_good");
        SandboxLogin other = sandbox().connectLogin("user_good");
        for (SandboxLogin login : List.of(locked, other)) {
            book.save(new DirectoryLogin(login.loginId(), login.secret(), login.customerId()));
        }
        context.getRegistry().bind("book", book);
        context.getComponent("finsify", FinsifyComponent.class).getConfiguration().setLoginStatusStore(sharedStatuses);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("finsify:transactions?loginDirectory=#book&initialFromDate=" + FROM
                     + "&delay=100&initialDelay=0&maxConcurrentLogins=2&reconciliationInterval=2s")
                        .routeId("book")
                        .process(e -> {
                            delivered.add(e);
                            // the locked login's first change holds its sync, as a long backfill would
                            if (e.getIn().getBody() instanceof Transaction
                                && e.getIn().getHeader(FinsifyConstants.LOGIN_ID, Long.class) == locked.loginId()) {
                                assertThat(release.await(20, TimeUnit.SECONDS)).isTrue();
                            }
                        });
            }
        });
        context.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> transactionsOf(locked.loginId()) == 1);

        // another replica received the login-status webhook and wrote it to the shared store
        sharedStatuses.update(new LoginStatusEvent(locked.loginId(), LoginStatus.WRONG_CREDENTIALS,
                "login_wrong_credentials"));
        await().atMost(Duration.ofSeconds(2)).until(() -> !reports().isEmpty()); // the next poll (100 ms) saw it
        release.countDown();

        int otherTotal = window(other).size();
        await().atMost(Duration.ofSeconds(20)).until(() -> transactionsOf(other.loginId()) == otherTotal);
        await().during(Duration.ofSeconds(1)).until(() -> transactionsOf(locked.loginId()) == 1);
        assertThat(window(locked)).hasSizeGreaterThan(100); // so the stop cut the sync short
        assertThat(reports()).singleElement().satisfies(e -> assertThat(e.getIn().getBody()).isEqualTo(
                new LoginStatusEvent(locked.loginId(), LoginStatus.WRONG_CREDENTIALS, "login_wrong_credentials")));
    }

    private long transactionsOf(long loginId) {
        return delivered.stream().filter(e -> e.getIn().getBody() instanceof Transaction)
                .filter(e -> e.getIn().getHeader(FinsifyConstants.LOGIN_ID, Long.class) == loginId).count();
    }

    private List<Exchange> reports() {
        return delivered.stream().filter(e -> e.getIn().getBody() instanceof LoginStatusEvent).toList();
    }

    private Set<Long> window(SandboxLogin login) {
        return login.accountIds().stream().flatMap(a -> sandbox().transactions(a).stream())
                .filter(t -> !t.date().isBefore(FROM)).map(SandboxTransaction::id).collect(Collectors.toSet());
    }
}
