package io.github.camelfinsify.consumer;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.github.camelfinsify.FinsifyConstants;
import io.github.camelfinsify.model.Transaction;
import io.github.camelfinsify.sandbox.SandboxLogin;
import io.github.camelfinsify.sandbox.SandboxTransaction;
import io.github.camelfinsify.sync.DirectoryLogin;
import io.github.camelfinsify.sync.MemoryLoginDirectory;
import io.github.camelfinsify.test.ConsumerMBean;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The multi-login consumer's JMX operations, called through the MBeanServer as an operator's JMX client would, against
 * the sandbox: sync a login now, forget an account's state, pause and resume the sweep, and its counts.
 */
class DirectoryConsumerJmxTest extends SandboxConsumerTestSupport {

    private static final int WINDOW_DAYS = 20;
    private static final int LOGINS = 6;
    private static final String HOURLY = "&reconciliationInterval=1h"; // the sweep reaches no login during a test
    private static final String EVERY_SECOND = "&reconciliationInterval=1s";

    private final MemoryLoginDirectory book = new MemoryLoginDirectory();
    private final List<SandboxLogin> logins = new ArrayList<>();
    private final List<Exchange> delivered = new CopyOnWriteArrayList<>();

    @Override
    protected boolean useJmx() {
        return true;
    }

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

    private ConsumerMBean start(String options) throws Exception {
        return start(options, e -> { });
    }

    private ConsumerMBean start(String options, Processor step) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("finsify:transactions?loginDirectory=#book&initialFromDate="
                     + LocalDate.now().minusDays(WINDOW_DAYS) + "&initialDelay=0&delay=50&maxConcurrentLogins=3"
                     + options)
                        .routeId("book").process(step).process(delivered::add);
            }
        });
        context.start();
        return ConsumerMBean.of(context, "book");
    }

    private void startWebhook(String options) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("finsify:webhook?webhookToken=" + WEBHOOK_TOKEN + options).routeId("webhook").to("mock:events");
            }
        });
    }

    private Set<Long> sandboxWindow(long accountId) {
        LocalDate from = LocalDate.now().minusDays(WINDOW_DAYS);
        return sandbox().transactions(accountId).stream().filter(t -> !t.date().isBefore(from))
                .map(SandboxTransaction::id).collect(Collectors.toSet());
    }

    private Set<Long> sandboxWindow(SandboxLogin login) {
        return login.accountIds().stream().flatMap(a -> sandboxWindow(a).stream()).collect(Collectors.toSet());
    }

    private List<Long> deliveredIds(SandboxLogin login) {
        return delivered.stream().filter(e -> e.getIn().getBody() instanceof Transaction)
                .filter(e -> e.getIn().getHeader(FinsifyConstants.LOGIN_ID, Long.class) == login.loginId())
                .map(e -> e.getIn().getBody(Transaction.class).id()).toList();
    }

    private List<Long> deliveredIdsOfAccount(long accountId) {
        return delivered.stream().filter(e -> e.getIn().getBody() instanceof Transaction)
                .filter(e -> e.getIn().getHeader(FinsifyConstants.ACCOUNT_ID, Long.class) == accountId)
                .map(e -> e.getIn().getBody(Transaction.class).id()).toList();
    }

    private void awaitBackfill() {
        int expected = logins.stream().mapToInt(l -> sandboxWindow(l).size()).sum();
        await().atMost(Duration.ofSeconds(20)).until(() -> delivered.size() >= expected);
        await().during(Duration.ofMillis(1500)).until(() -> delivered.size() == expected);
    }

    private static List<Long> ids(List<SandboxTransaction> transactions) {
        return transactions.stream().map(SandboxTransaction::id).toList();
    }

    @Test
    void syncLoginNowSyncsTheLoginAheadOfTheSweep() throws Exception {
        sandbox().webhookUrl(null);
        connectLogins();
        SandboxLogin named = logins.get(4);
        ConsumerMBean consumer = start(HOURLY);

        consumer.invoke("syncLoginNow", named.loginId());

        await().atMost(Duration.ofSeconds(10)).until(() -> deliveredIds(named).size() >= sandboxWindow(named).size());
        assertThat(deliveredIds(named)).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(sandboxWindow(named));
        assertThat(delivered).allSatisfy(e -> assertThat(e.getIn().getHeader(FinsifyConstants.LOGIN_ID))
                .isEqualTo(named.loginId()));
    }

    @Test
    void syncLoginNowOfALoginOutsideTheDirectoryIsRefusedNamingIt() throws Exception {
        connectLogins();
        ConsumerMBean consumer = start(HOURLY);

        assertThatThrownBy(() -> consumer.invoke("syncLoginNow", 424242L))
                .hasRootCauseInstanceOf(IllegalArgumentException.class)
                .hasRootCauseMessage("Login 424242 is not in the login directory");
    }

    @Test
    void aForgottenAccountIsDeliveredAgainByItsLoginsNextSync() throws Exception {
        sandbox().webhookUrl(null);
        connectLogins();
        SandboxLogin login = logins.get(1);
        long forgotten = login.accountIds().get(0);
        ConsumerMBean consumer = start(HOURLY);
        consumer.invoke("syncLoginNow", login.loginId());
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveredIds(login).size() >= sandboxWindow(login).size());
        delivered.clear();

        consumer.invoke("forgetAccountState", login.loginId(), forgotten);
        consumer.invoke("syncLoginNow", login.loginId());

        await().atMost(Duration.ofSeconds(10)).until(() -> delivered.size() >= sandboxWindow(forgotten).size());
        await().during(Duration.ofSeconds(1)).until(() -> delivered.size() == sandboxWindow(forgotten).size());
        assertThat(deliveredIdsOfAccount(forgotten)).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(sandboxWindow(forgotten));
    }

    @Test
    void forgettingAnAccountTheLoginDoesNotHaveIsRefusedNamingIt() throws Exception {
        connectLogins();
        long othersAccount = logins.get(2).accountIds().get(0);
        ConsumerMBean consumer = start(HOURLY);

        assertThatThrownBy(() -> consumer.invoke("forgetAccountState", logins.get(1).loginId(), othersAccount))
                .hasRootCauseInstanceOf(IllegalArgumentException.class)
                .hasRootCauseMessage("The login has no account " + othersAccount + "; its accounts are "
                                     + logins.get(1).accountIds());
    }

    @Test
    void whileTheSweepIsPausedItDeliversNothingNewButSyncLoginNowStillDoes() throws Exception {
        sandbox().webhookUrl(null);
        connectLogins();
        ConsumerMBean consumer = start(EVERY_SECOND);
        awaitBackfill();

        consumer.invoke("pauseSweep");
        // logins the sweep handed out before the pause finish; what changes after that waits for the resume
        await().atMost(Duration.ofSeconds(10)).until(() -> consumer.attribute("LoginsInFlight").equals(0));
        SandboxLogin asked = logins.get(0);
        SandboxLogin swept = logins.get(5);
        List<SandboxTransaction> askedNew = sandbox().addTransactions(asked.accountIds().get(0), 2);
        List<SandboxTransaction> sweptNew = sandbox().addTransactions(swept.accountIds().get(0), 2);

        assertThat(consumer.attribute("SweepPaused")).isEqualTo(true);
        int before = delivered.size();
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> delivered.size() == before);
        consumer.invoke("syncLoginNow", asked.loginId());
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveredIds(asked).containsAll(ids(askedNew)));
        await().during(Duration.ofSeconds(2)).until(() -> delivered.size() == before + 2);
        assertThat(deliveredIds(swept)).doesNotContainAnyElementsOf(ids(sweptNew));
    }

    @Test
    void aResumedSweepDeliversWhatChangedWhileItWasPaused() throws Exception {
        sandbox().webhookUrl(null);
        connectLogins();
        ConsumerMBean consumer = start(EVERY_SECOND);
        awaitBackfill();
        consumer.invoke("pauseSweep");
        // logins the sweep handed out before the pause finish; what changes after that waits for the resume
        await().atMost(Duration.ofSeconds(10)).until(() -> consumer.attribute("LoginsInFlight").equals(0));
        SandboxLogin swept = logins.get(3);
        List<SandboxTransaction> sweptNew = sandbox().addTransactions(swept.accountIds().get(0), 2);
        int before = delivered.size();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> delivered.size() == before);

        consumer.invoke("resumeSweep");

        assertThat(consumer.attribute("SweepPaused")).isEqualTo(false);
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveredIds(swept).containsAll(ids(sweptNew)));
        assertThat(deliveredIds(swept)).doesNotHaveDuplicates();
    }

    @Test
    void aWebhookStillSyncsItsLoginWhileTheSweepIsPaused() throws Exception {
        connectLogins();
        startWebhook("&requestSync=true");
        ConsumerMBean consumer = start(EVERY_SECOND);
        awaitBackfill();

        consumer.invoke("pauseSweep");
        // logins the sweep handed out before the pause finish; what changes after that waits for the resume
        await().atMost(Duration.ofSeconds(10)).until(() -> consumer.attribute("LoginsInFlight").equals(0));
        SandboxLogin notified = logins.get(2);
        List<SandboxTransaction> added = sandbox().addTransactions(notified.accountIds().get(0), 2); // its webhook

        await().atMost(Duration.ofSeconds(10)).until(() -> deliveredIds(notified).containsAll(ids(added)));
        assertThat(deliveredIds(notified)).doesNotHaveDuplicates();
    }

    @Test
    void theConsumerCountsLoginsFailingAndNeedingTheirUser() throws Exception {
        connectLogins();
        SandboxLogin locked = logins.get(3);
        book.save(new DirectoryLogin(990_001L, "secret-the-api-does-not-know-7c41e2", "customer-gone"));
        startWebhook("");
        context.start();
        sandbox().setLoginStatus(locked.loginId(), "login_account_locked"); // the webhook reaches the component
        await().atMost(Duration.ofSeconds(10)).until(() -> getMockEndpoint("mock:events").getReceivedCounter() >= 1);

        ConsumerMBean consumer = start(EVERY_SECOND);

        await().atMost(Duration.ofSeconds(20)).until(() -> consumer.attribute("LoginsFailing").equals(1));
        assertThat(consumer.attribute("LoginsNeedingUser")).isEqualTo(1L);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> (long) consumer.attribute("LoginsSynced") >= LOGINS - 1); // all but the locked one
    }

    @Test
    void aLoginBeingSyncedCountsAsInFlight() throws Exception {
        sandbox().webhookUrl(null);
        connectLogins();
        CountDownLatch release = new CountDownLatch(1);
        ConsumerMBean consumer = start(HOURLY, e -> release.await(20, TimeUnit.SECONDS));

        consumer.invoke("syncLoginNow", logins.get(0).loginId());

        await().atMost(Duration.ofSeconds(10)).until(() -> consumer.attribute("LoginsInFlight").equals(1));
        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> consumer.attribute("LoginsInFlight").equals(0));
        assertThat(consumer.attribute("LoginsSynced")).isEqualTo(1L);
    }
}
