package io.github.camelfinsify.consumer;

import java.time.Duration;
import java.util.List;

import io.github.camelfinsify.FinsifyConstants;
import io.github.camelfinsify.sandbox.SandboxLogin;
import io.github.camelfinsify.sync.DirectoryLogin;
import io.github.camelfinsify.sync.LoginSweep;
import io.github.camelfinsify.sync.MemoryLoginDirectory;
import io.github.camelfinsify.sync.MemorySyncRequests;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Two directory routes in one application: each sweep keeps its own position in a shared state repository, and a
 * store of webhook requests feeds one of them, so that neither takes (and drops) a request for the other's login.
 */
class DirectoryRoutesTest extends SandboxConsumerTestSupport {

    @Override
    public boolean isUseRouteBuilder() {
        return false;
    }

    @Test
    void aSecondRouteOnTheSameStateSweepsItsOwnBookFromItsStart() throws Exception {
        SandboxLogin ledgerLow = sandbox().connectLogins("user_good", 1).get(0);
        List<SandboxLogin> payroll = sandbox().connectLogins("user_good", 1000);
        SandboxLogin ledgerHigh = sandbox().connectLogins("user_good", 1).get(0);
        context.getRegistry().bind("payrollBook", bookOf(payroll));
        context.getRegistry().bind("ledgerBook", bookOf(List.of(ledgerLow, ledgerHigh)));
        context.getRegistry().bind("syncState", new MemoryStateRepository());
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("finsify:transactions?loginDirectory=#payrollBook&stateRepository=#syncState"
                     + "&reconciliationInterval=4s&delay=20&initialDelay=0").routeId("payroll").to("mock:payroll");
                from("finsify:transactions?loginDirectory=#ledgerBook&stateRepository=#syncState"
                     + "&reconciliationInterval=2s&maxConcurrentLogins=1&delay=20&initialDelay=0")
                        .routeId("ledger").autoStartup(false).to("mock:ledger");
            }
        });
        context.start();

        // the payroll sweep is past its first page: its saved position is in the middle of its book
        long secondPage = payroll.get(LoginSweep.PAGE_SIZE).loginId();
        MockEndpoint payrollSynced = getMockEndpoint("mock:payroll");
        await().atMost(Duration.ofSeconds(30)).until(() -> payrollSynced.getExchanges().stream()
                .anyMatch(e -> e.getMessage().getHeader(FinsifyConstants.LOGIN_ID, Long.class) >= secondPage));
        context.getRouteController().stopRoute("payroll");
        context.getRouteController().startRoute("ledger");

        MockEndpoint ledgerSynced = getMockEndpoint("mock:ledger");
        await().atMost(Duration.ofSeconds(30)).until(() -> !ledgerSynced.getExchanges().isEmpty());
        assertThat(ledgerSynced.getExchanges().get(0).getMessage().getHeader(FinsifyConstants.LOGIN_ID, Long.class))
                .as("the login the ledger sweep visits first").isEqualTo(ledgerLow.loginId());
    }

    @Test
    void aSecondRouteCannotReadTheWebhookRequestsAnotherRouteReads() throws Exception {
        context.getRegistry().bind("payrollBook", bookOf(sandbox().connectLogins("user_good", 1)));
        context.getRegistry().bind("ledgerBook", bookOf(sandbox().connectLogins("user_good", 1)));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("finsify:transactions?loginDirectory=#payrollBook").routeId("payroll").to("mock:payroll");
                from("finsify:transactions?loginDirectory=#ledgerBook").routeId("ledger").autoStartup(false)
                        .to("mock:ledger");
            }
        });
        context.start();

        assertThatThrownBy(() -> context.getRouteController().startRoute("ledger"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("route ledger").hasMessageContaining("route payroll")
                .hasMessageContaining("syncRequests");
    }

    @Test
    void aRouteThatFailedToStartLeavesItsWebhookRequestsToTheNextRoute() throws Exception {
        SandboxLogin ledger = sandbox().connectLogins("user_good", 1).get(0);
        context.getRegistry().bind("payrollBook", bookOf(sandbox().connectLogins("user_good", 1)));
        context.getRegistry().bind("ledgerBook", bookOf(List.of(ledger)));
        context.getRegistry().bind("unreadableState", new MemoryStateRepository() {
            @Override
            public String getState(String key) {
                throw new IllegalStateException("the state store is down");
            }
        });
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("finsify:transactions?loginDirectory=#payrollBook&stateRepository=#unreadableState")
                        .routeId("payroll").autoStartup(false).to("mock:payroll");
                from("finsify:transactions?loginDirectory=#ledgerBook&reconciliationInterval=1s&delay=20"
                     + "&initialDelay=0").routeId("ledger").autoStartup(false).to("mock:ledger");
            }
        });
        context.start();
        assertThatThrownBy(() -> context.getRouteController().startRoute("payroll"))
                .hasStackTraceContaining("the state store is down");

        context.getRouteController().startRoute("ledger");

        await().atMost(Duration.ofSeconds(30)).until(() -> !getMockEndpoint("mock:ledger").getExchanges().isEmpty());
        assertThat(getMockEndpoint("mock:ledger").getExchanges().get(0).getMessage()
                .getHeader(FinsifyConstants.LOGIN_ID, Long.class)).isEqualTo(ledger.loginId());
    }

    @Test
    void routesWithTheirOwnWebhookRequestsRunSideBySide() throws Exception {
        SandboxLogin payroll = sandbox().connectLogins("user_good", 1).get(0);
        SandboxLogin ledger = sandbox().connectLogins("user_good", 1).get(0);
        context.getRegistry().bind("payrollBook", bookOf(List.of(payroll)));
        context.getRegistry().bind("ledgerBook", bookOf(List.of(ledger)));
        context.getRegistry().bind("ledgerRequests", new MemorySyncRequests());
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("finsify:transactions?loginDirectory=#payrollBook&reconciliationInterval=1s&delay=20&initialDelay=0").routeId("payroll")
                        .to("mock:payroll");
                from("finsify:transactions?loginDirectory=#ledgerBook&syncRequests=#ledgerRequests"
                     + "&reconciliationInterval=1s&delay=20&initialDelay=0").routeId("ledger").to("mock:ledger");
            }
        });
        context.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> !getMockEndpoint("mock:payroll").getExchanges().isEmpty()
                                                          && !getMockEndpoint("mock:ledger").getExchanges().isEmpty());
        assertThat(getMockEndpoint("mock:ledger").getExchanges())
                .allSatisfy(e -> assertThat(e.getMessage().getHeader(FinsifyConstants.LOGIN_ID, Long.class))
                        .isEqualTo(ledger.loginId()));
    }

    private static MemoryLoginDirectory bookOf(List<SandboxLogin> logins) {
        MemoryLoginDirectory book = new MemoryLoginDirectory();
        for (SandboxLogin login : logins) {
            book.save(new DirectoryLogin(login.loginId(), login.secret(), login.customerId()));
        }
        return book;
    }
}
