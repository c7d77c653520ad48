package io.github.camelfinsify.consumer;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import io.github.camelfinsify.FinsifyConstants;
import io.github.camelfinsify.model.LoginStatus;
import io.github.camelfinsify.model.LoginStatusEvent;
import io.github.camelfinsify.model.Transaction;
import io.github.camelfinsify.sandbox.SandboxLogin;
import io.github.camelfinsify.sandbox.SandboxTransaction;
import io.github.camelfinsify.sync.DirectoryLogin;
import io.github.camelfinsify.sync.MemoryLoginDirectory;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One {@code finsify:transactions} route keeps a whole book of logins in sync: every login's transactions once, a
 * webhook's login ahead of the sweep, a login that needs its user skipped and reported while the others go on.
 */
class DirectorySyncTest extends SandboxConsumerTestSupport {

    private static final int WINDOW_DAYS = 20; // longer than lookbackDays: later syncs look back no further
    private static final int LOGINS = 12;

    private final MemoryLoginDirectory book = new MemoryLoginDirectory();
    private final List<SandboxLogin> logins = new ArrayList<>();
    private final List<Exchange> delivered = new CopyOnWriteArrayList<>();

    @Override
    public boolean isUseRouteBuilder() {
        return false;
    }

    private void connectLogins() {
        for (int i = 0; i < LOGINS; i++) {
            SandboxLogin login = sandbox().connectLogin("user_good");
            logins.add(login);
            book.save(new DirectoryLogin(login.loginId(), login.secret(), login.customerId()));
        }
        context.getRegistry().bind("book", book);
    }

    private void start(String options) throws Exception {
        start("&delay=50&maxConcurrentLogins=3", options);
    }

    private void start(String pace, String options) throws Exception {
        startWebhook();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("finsify:transactions?loginDirectory=#book&initialFromDate=" + LocalDate.now().minusDays(WINDOW_DAYS)
                     + "&initialDelay=0" + pace + options)
                        .routeId("book").process(delivered::add);
            }
        });
    }

    private void startWebhook() throws Exception {
        if (context.getRoute("webhook") == null) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("finsify:webhook?webhookToken=" + WEBHOOK_TOKEN + "&requestSync=true").routeId("webhook")
                            .to("mock:events");
                }
            });
            context.start();
        }
    }

    private Set<Long> sandboxWindow(SandboxLogin login) {
        LocalDate from = LocalDate.now().minusDays(WINDOW_DAYS);
        return login.accountIds().stream().flatMap(a -> sandbox().transactions(a).stream())
                .filter(t -> !t.date().isBefore(from)).map(SandboxTransaction::id).collect(Collectors.toSet());
    }

    private List<Long> deliveredIds(long loginId) {
        return delivered.stream().filter(e -> e.getIn().getBody() instanceof Transaction)
                .filter(e -> e.getIn().getHeader(FinsifyConstants.LOGIN_ID, Long.class) == loginId)
                .map(e -> e.getIn().getBody(Transaction.class).id()).toList();
    }

    private int expectedTotal() {
        return logins.stream().mapToInt(l -> sandboxWindow(l).size()).sum();
    }

    @Test
    void everyLoginOfTheDirectoryIsSyncedOnceByOneRoute() throws Exception {
        connectLogins();

        start("&reconciliationInterval=1s");

        int expected = expectedTotal();
        await().atMost(Duration.ofSeconds(20)).until(() -> delivered.size() >= expected);
        await().during(Duration.ofSeconds(2)).until(() -> delivered.size() == expected); // later sweeps add nothing
        for (SandboxLogin login : logins) {
            assertThat(deliveredIds(login.loginId())).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(sandboxWindow(login));
        }
        assertThat(delivered).allSatisfy(e -> assertThat(e.getIn().getHeaders())
                .containsKeys(FinsifyConstants.ACCOUNT_ID, FinsifyConstants.CHANGE_TYPE, FinsifyConstants.LOGIN_ID));
    }

    @Test
    void aWorkerThatFinishesALoginTakesTheNextWithoutWaitingForThePoll() throws Exception {
        connectLogins();

        // one poll in 3 s: handing out a login or two per poll, the 12 logins would take half a minute
        start("&delay=3000&maxConcurrentLogins=1", "&reconciliationInterval=1s");

        int expected = expectedTotal();
        await().atMost(Duration.ofSeconds(9)).until(() -> delivered.size() >= expected);
        for (SandboxLogin login : logins) {
            assertThat(deliveredIds(login.loginId())).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(sandboxWindow(login));
        }
    }

    @Test
    void aWebhookBringsItsLoginForwardAheadOfTheSweep() throws Exception {
        connectLogins();
        SandboxLogin named = logins.get(7);
        start("&reconciliationInterval=1h"); // the sweep would reach this login in about 40 minutes

        long account = named.accountIds().get(0);
        List<SandboxTransaction> added = sandbox().addTransactions(account, 2);

        Set<Long> accountWindow = sandboxWindow(named).stream()
                .filter(id -> sandbox().transactions(account).stream().anyMatch(t -> t.id() == id))
                .collect(Collectors.toSet());
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveredIds(named.loginId()).size() == accountWindow.size());
        assertThat(deliveredIds(named.loginId())).containsExactlyInAnyOrderElementsOf(accountWindow)
                .contains(added.get(0).id(), added.get(1).id());
        assertThat(delivered).allSatisfy(e -> {
            assertThat(e.getIn().getHeader(FinsifyConstants.LOGIN_ID)).isEqualTo(named.loginId());
            assertThat(e.getIn().getHeader(FinsifyConstants.ACCOUNT_ID)).isEqualTo(account);
        });
    }

    @Test
    void aLoginThatNeedsItsUserIsSkippedAndReportedOnceWhileTheOthersGoOn() throws Exception {
        connectLogins();
        SandboxLogin locked = logins.get(3);
        startWebhook();
        sandbox().setLoginStatus(locked.loginId(), "login_account_locked"); // the webhook reaches the component
        await().atMost(Duration.ofSeconds(10)).until(() -> getMockEndpoint("mock:events").getReceivedCounter() >= 1);
        start("&reconciliationInterval=1s");

        int others = expectedTotal() - sandboxWindow(locked).size();
        await().atMost(Duration.ofSeconds(20)).until(() -> transactionsDelivered() >= others);
        await().during(Duration.ofSeconds(2)).until(() -> transactionsDelivered() == others); // two more sweeps

        assertThat(deliveredIds(locked.loginId())).isEmpty();
        List<Exchange> reports = delivered.stream().filter(e -> e.getIn().getBody() instanceof LoginStatusEvent)
                .toList();
        assertThat(reports).hasSize(1);
        assertThat(reports.get(0).getIn().getBody()).isEqualTo(
                new LoginStatusEvent(locked.loginId(), LoginStatus.ACCOUNT_LOCKED, "login_account_locked"));
        assertThat(reports.get(0).getIn().getHeaders()).containsEntry(FinsifyConstants.EVENT_TYPE, "loginStatus");
    }

    @Test
    void rateLimitBurstsAreAbsorbedAndNothingIsLostOrRepeated() throws Exception {
        connectLogins();
        sandbox().injectFault("429", 8);

        start("&reconciliationInterval=1s&maxCallsPerSecond=200");

        int expected = expectedTotal();
        await().atMost(Duration.ofSeconds(30)).until(() -> delivered.size() >= expected);
        await().during(Duration.ofSeconds(1)).until(() -> delivered.size() == expected);
        for (SandboxLogin login : logins) {
            assertThat(deliveredIds(login.loginId())).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(sandboxWindow(login));
        }
    }

    private long transactionsDelivered() {
        return delivered.stream().filter(e -> e.getIn().getBody() instanceof Transaction).count();
    }
}
