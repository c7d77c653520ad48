package io.github.camelfinsify.consumer;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import io.github.camelfinsify.FinsifyConstants;
import io.github.camelfinsify.model.Transaction;
import io.github.camelfinsify.sandbox.SandboxLogin;
import io.github.camelfinsify.sandbox.SandboxTransaction;
import io.github.camelfinsify.test.ConsumerMBean;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The single-login feed's JMX operations, called through the MBeanServer against the sandbox: sync now and forget an
 * account's state. Its scheduled polls come once an hour, so only the operations deliver after the first one.
 */
class TransactionsConsumerJmxTest extends SandboxConsumerTestSupport {

    private static final int WINDOW_DAYS = 20;

    private final List<Exchange> delivered = new CopyOnWriteArrayList<>();
    private SandboxLogin login;
    private ConsumerMBean consumer;

    @Override
    protected boolean useJmx() {
        return true;
    }

    @Override
    public boolean isUseRouteBuilder() {
        return false;
    }

    @BeforeEach
    void startTheFeedAndAwaitItsFirstPoll() throws Exception {
        sandbox().webhookUrl(null); // no webhook consumer here
        login = sandbox().connectLogin("user_good");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("finsify:transactions?loginSecret=RAW(" + login.secret() + ")&initialFromDate="
                     + LocalDate.now().minusDays(WINDOW_DAYS) + "&initialDelay=0&delay=3600000")
                        .routeId("feed").process(delivered::add);
            }
        });
        context.start();
        int backfill = login.accountIds().stream().mapToInt(a -> sandboxWindow(a).size()).sum();
        await().atMost(Duration.ofSeconds(10)).until(() -> delivered.size() >= backfill);
        consumer = ConsumerMBean.of(context, "feed");
        delivered.clear();
    }

    private Set<Long> sandboxWindow(long accountId) {
        LocalDate from = LocalDate.now().minusDays(WINDOW_DAYS);
        return sandbox().transactions(accountId).stream().filter(t -> !t.date().isBefore(from))
                .map(SandboxTransaction::id).collect(Collectors.toSet());
    }

    private List<Long> deliveredIds() {
        return delivered.stream().map(e -> e.getIn().getBody(Transaction.class).id()).toList();
    }

    @Test
    void syncNowDeliversWhatChangedWithoutWaitingForThePoll() throws Exception {
        List<SandboxTransaction> added = sandbox().addTransactions(login.accountIds().get(0), 2);

        Object changes = consumer.invoke("syncNow");

        assertThat(changes).isEqualTo(2);
        assertThat(deliveredIds()).containsExactlyInAnyOrder(added.get(0).id(), added.get(1).id());
    }

    @Test
    void aForgottenAccountIsDeliveredAgainByTheNextSync() throws Exception {
        long forgotten = login.accountIds().get(0);

        consumer.invoke("forgetAccountState", forgotten);
        Object changes = consumer.invoke("syncNow");

        assertThat(changes).isEqualTo(sandboxWindow(forgotten).size());
        assertThat(deliveredIds()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(sandboxWindow(forgotten));
        assertThat(delivered).allSatisfy(e -> assertThat(e.getIn().getHeader(FinsifyConstants.ACCOUNT_ID))
                .isEqualTo(forgotten));
    }

    @Test
    void forgettingAnAccountOfAnotherLoginIsRefusedNamingIt() {
        long othersAccount = sandbox().connectLogin("user_good").accountIds().get(0);

        assertThatThrownBy(() -> consumer.invoke("forgetAccountState", othersAccount))
                .hasRootCauseInstanceOf(IllegalArgumentException.class)
                .hasRootCauseMessage("The login has no account " + othersAccount + "; its accounts are "
                                     + login.accountIds());
    }
}
