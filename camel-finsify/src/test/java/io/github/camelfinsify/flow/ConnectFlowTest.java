package io.github.camelfinsify.flow;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.github.camelfinsify.FinsifyComponent;
import io.github.camelfinsify.FinsifyConfiguration;
import io.github.camelfinsify.FinsifyConstants;
import io.github.camelfinsify.model.Account;
import io.github.camelfinsify.model.ConnectResult;
import io.github.camelfinsify.model.Customer;
import io.github.camelfinsify.model.FinsifyService;
import io.github.camelfinsify.model.LoginActivation;
import io.github.camelfinsify.model.LoginRefresh;
import io.github.camelfinsify.model.Token;
import io.github.camelfinsify.model.Transaction;
import io.github.camelfinsify.sandbox.FinsifySandbox;
import io.github.camelfinsify.sandbox.FinsifySandboxExtension;
import io.github.camelfinsify.sandbox.SandboxService;
import io.github.camelfinsify.sandbox.SandboxTransaction;
import io.github.camelfinsify.webhook.ConnectCallbackParser;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.assertj.core.api.recursive.comparison.RecursiveComparisonConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole connect flow, driven through the component's producers against the sandbox, with the sandbox's connect
 * page submitted by a real headless Chromium and the callback captured by a test endpoint:
 * customer, token, connect page, callback, then accounts, transactions, refresh and deactivate.
 */
class ConnectFlowTest extends CamelTestSupport {

    static final int MANY_TRANSACTIONS = 20_000;

    @RegisterExtension
    static FinsifySandboxExtension sandboxExtension = new FinsifySandboxExtension(b -> b
            .refreshCooldown(Duration.ZERO)
            .manyTransactions(MANY_TRANSACTIONS));

    static HeadlessChromium browser;
    static CallbackServer callbacks;

    @BeforeAll
    static void startBrowserAndCallbackEndpoint() throws Exception {
        callbacks = new CallbackServer();
        browser = HeadlessChromium.start();
    }

    @AfterAll
    static void stopBrowserAndCallbackEndpoint() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (callbacks != null) {
                callbacks.close();
            }
        }
    }

    static FinsifySandbox sandbox() {
        return sandboxExtension.sandbox();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        FinsifyConfiguration configuration = context.getComponent("finsify", FinsifyComponent.class).getConfiguration();
        configuration.setClientId(sandbox().clientId());
        configuration.setServiceSecret(sandbox().serviceSecret());
        configuration.setBaseUrl(sandbox().baseUrl());
        configuration.setServicesUrl(sandbox().servicesUrl());
        return context;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // streams the transactions and counts them one by one, never holding the list
                from("direct:countStreamed")
                        .to("finsify:transactions?streaming=true")
                        .split(body()).streaming()
                            .process(e -> countTransaction(e))
                        .end();
            }
        };
    }

    private final AtomicLong streamed = new AtomicLong();
    private final AtomicLong lastStreamedId = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong outOfOrder = new AtomicLong();

    private void countTransaction(Exchange exchange) {
        Transaction transaction = exchange.getIn().getBody(Transaction.class);
        streamed.incrementAndGet();
        if (transaction.id() <= lastStreamedId.getAndSet(transaction.id())) {
            outOfOrder.incrementAndGet();
        }
    }

    @Test
    void userGoodConnectsInTheBrowserThenReadsRefreshesAndDeactivatesThroughTheProducers() throws Exception {
        // 1. customer, then token for the first bank of the catalogue
        Customer customer = createCustomer();
        assertThat(customer.customerId()).isNotBlank();
        FinsifyService bank = firstBank();
        CallbackServer.Callback callback = callbacks.newCallback();
        Token token = createToken(customer, bank.id(), callback.url());
        assertThat(token.connectUrl()).startsWith(sandbox().baseUrl() + "/connect/");

        // 2. the connect page in the browser, 3. the callback captured by the test endpoint
        String connectPage = browser.open(token.connectUrl());
        assertThat(connectPage).contains(bank.name());
        ConnectResult result = submitAndCapture("user_good", FinsifySandbox.PASSWORD, callback);
        assertThat(result.status()).isEqualTo("success");
        assertThat(result.isSuccess()).isTrue();
        assertThat(result.loginId()).isNotNull();
        assertThat(result.secret()).isNotBlank();

        // 4. accounts: the login's three accounts, in the bank's currency, each known to the sandbox
        List<Account> accounts = accounts(result.secret());
        assertThat(accounts).extracting(Account::type).containsExactlyInAnyOrder("current", "saving", "credit_card");
        assertThat(accounts).allSatisfy(account -> {
            assertThat(account.loginId()).isEqualTo(result.loginId());
            assertThat(account.currency()).isEqualTo(currencyOf(bank.id()));
            assertThat(sandbox().transactions(account.id())).isNotEmpty();
        });

        // transactions over the whole history: exactly the sandbox's, oldest first
        Account current = accounts.stream().filter(a -> a.type().equals("current")).findFirst().orElseThrow();
        List<SandboxTransaction> truth = sandbox().transactions(current.id());
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<Transaction> transactions = transactions(result.secret(), current.id(), today.minusYears(3), today);
        assertThat(transactions).hasSameSizeAs(truth).hasSizeGreaterThan(100);
        assertThat(transactions.stream().map(Row::of).toList())
                .usingRecursiveFieldByFieldElementComparator(RecursiveComparisonConfiguration.builder()
                        .withComparatorForType(BigDecimal::compareTo, BigDecimal.class).build())
                .containsExactlyElementsOf(truth.stream().map(Row::of).toList());

        // refresh: done, and says when the next one is possible
        Exchange refresh = call("finsify:refreshLogin", result.secret());
        LoginRefresh refreshed = refresh.getMessage().getBody(LoginRefresh.class);
        assertThat(refreshed.id()).isEqualTo(result.loginId());
        assertThat(refreshed.refreshed()).isTrue();
        assertThat(refreshed.lastRefreshAt()).isNotNull();
        assertThat(refresh.getMessage().getHeader(FinsifyConstants.LOGIN_ID)).isEqualTo(result.loginId());
        Instant next = refresh.getMessage().getHeader(FinsifyConstants.NEXT_REFRESH_POSSIBLE_AT, Instant.class);
        assertThat(next).isNotNull().isEqualTo(refreshed.nextRefreshPossibleAt())
                .isAfterOrEqualTo(refreshed.lastRefreshAt());

        // deactivate
        Exchange deactivate = call("finsify:deactivateLogin", result.secret());
        assertThat(deactivate.getMessage().getBody(LoginActivation.class))
                .isEqualTo(new LoginActivation(result.loginId(), false));
        assertThat(deactivate.getMessage().getHeader(FinsifyConstants.LOGIN_ID)).isEqualTo(result.loginId());

        // a deactivated login is not refreshed (the cooldown is zero: only the deactivation refuses it)
        LoginRefresh refused = call("finsify:refreshLogin", result.secret()).getMessage().getBody(LoginRefresh.class);
        assertThat(refused.refreshed()).isFalse();
        assertThat(refused.lastRefreshAt()).isEqualTo(refreshed.lastRefreshAt());
    }

    @Test
    void theConnectPageKeepsTheCallbackUrlsPathAndPutsTheResultBehindIt() throws Exception {
        // what a signed connect relies on: the state is the callback URL's last path segment
        CallbackServer.Callback callback = callbacks.newCallback();
        String withState = callback.url() + "/v1.1767225600.bm9uY2U.Y3VzdG9tZXI.c2lnbmF0dXJl-_";
        browser.open(createToken(createCustomer(), firstBank().id(), withState).connectUrl());

        browser.submitLogin("user_good", FinsifySandbox.PASSWORD, withState);

        await("the callback").atMost(Duration.ofSeconds(10)).until(callback.request()::isDone);
        String remainder = callback.request().join();
        assertThat(remainder).startsWith("/v1.1767225600.bm9uY2U.Y3VzdG9tZXI.c2lnbmF0dXJl-_/");
        ConnectCallbackParser parser = new ConnectCallbackParser();
        assertThat(parser.stateSegment(remainder, null)).isEqualTo("v1.1767225600.bm9uY2U.Y3VzdG9tZXI.c2lnbmF0dXJl-_");
        assertThat(parser.parse(remainder, null).isSuccess()).isTrue();
    }

    @Test
    void wrongCredentialsInTheBrowserEndAtTheCallbackWithTheFailureStatusAndNoSecret() throws Exception {
        CallbackServer.Callback callback = callbacks.newCallback();
        Token token = createToken(createCustomer(), firstBank().id(), callback.url());
        browser.open(token.connectUrl());

        ConnectResult result = submitAndCapture("wrong_credentials", FinsifySandbox.PASSWORD, callback);

        assertThat(result.status()).isEqualTo("login_wrong_credentials");
        assertThat(result.isSuccess()).isFalse();
        assertThat(result.loginId()).isNull();
        assertThat(result.secret()).isNull();
        assertThat(browser.text("callback-done")).isNotBlank();
    }

    @Test
    void theSecretAppearsNeitherOnTheCallbackPageNorOnTheReconnectPage() throws Exception {
        CallbackServer.Callback callback = callbacks.newCallback();
        Token token = createToken(createCustomer(), firstBank().id(), callback.url());
        String connectPage = browser.open(token.connectUrl());
        ConnectResult result = submitAndCapture("user_good", FinsifySandbox.PASSWORD, callback);
        assertThat(result.secret()).isNotBlank();

        // the page the browser shows after the connect
        assertThat(browser.title()).isEqualTo(CallbackServer.PAGE_TITLE);
        assertThat(browser.pageSource()).doesNotContain(result.secret());
        assertThat(connectPage).doesNotContain(result.secret());

        // the connect page of a reconnect: the login and its secret exist while the page is shown
        Token reconnect = reconnect(result.secret(), callbacks.newCallback().url());
        String reconnectPage = browser.open(reconnect.connectUrl());
        assertThat(reconnectPage).contains("id=\"username\"").doesNotContain(result.secret());
    }

    @Test
    void aReconnectInTheBrowserKeepsTheLoginsIdAndSecret() throws Exception {
        CallbackServer.Callback first = callbacks.newCallback();
        browser.open(createToken(createCustomer(), firstBank().id(), first.url()).connectUrl());
        ConnectResult connected = submitAndCapture("user_good", FinsifySandbox.PASSWORD, first);

        CallbackServer.Callback second = callbacks.newCallback();
        browser.open(reconnect(connected.secret(), second.url()).connectUrl());
        ConnectResult reconnected = submitAndCapture("user_good", FinsifySandbox.PASSWORD, second);

        assertThat(reconnected.status()).isEqualTo("success");
        assertThat(reconnected.loginId()).isEqualTo(connected.loginId());
        assertThat(reconnected.secret()).isEqualTo(connected.secret());
        assertThat(accounts(reconnected.secret())).extracting(Account::loginId).containsOnly(connected.loginId());
    }

    @Test
    void streamingTransactionsOfUserManyGivesExactlyTheConfiguredNumber() throws Exception {
        CallbackServer.Callback callback = callbacks.newCallback();
        browser.open(createToken(createCustomer(), firstBank().id(), callback.url()).connectUrl());
        ConnectResult result = submitAndCapture("user_many", FinsifySandbox.PASSWORD, callback);
        assertThat(result.isSuccess()).isTrue();
        List<Account> accounts = accounts(result.secret());
        assertThat(accounts).hasSize(1);

        Exchange exchange = template.request("direct:countStreamed", e -> {
            e.getIn().setHeader(FinsifyConstants.LOGIN_SECRET, result.secret());
            e.getIn().setHeader(FinsifyConstants.ACCOUNT_ID, accounts.get(0).id());
        });

        assertThat(exchange.getException()).isNull();
        assertThat(streamed).hasValue(MANY_TRANSACTIONS);
        assertThat(outOfOrder).hasValue(0);
    }

    // ---- the flow's steps, each through a producer

    private Customer createCustomer() {
        return template.requestBodyAndHeader("finsify:createCustomer", null,
                FinsifyConstants.IDENTIFIER, "flow-" + UUID.randomUUID(), Customer.class);
    }

    @SuppressWarnings("unchecked")
    private FinsifyService firstBank() {
        List<FinsifyService> services = template.requestBody("finsify:services", null, List.class);
        return services.stream().filter(s -> "bank".equals(s.type())).findFirst().orElseThrow();
    }

    private Token createToken(Customer customer, int serviceId, String callbackUrl) {
        Map<String, Object> headers = new HashMap<>();
        headers.put(FinsifyConstants.CUSTOMER_ID, customer.customerId());
        headers.put(FinsifyConstants.SERVICE_ID, serviceId);
        headers.put(FinsifyConstants.CALLBACK_URL, callbackUrl);
        return template.requestBodyAndHeaders("finsify:createToken", null, headers, Token.class);
    }

    private Token reconnect(String loginSecret, String callbackUrl) {
        Map<String, Object> headers = new HashMap<>();
        headers.put(FinsifyConstants.LOGIN_SECRET, loginSecret);
        headers.put(FinsifyConstants.CALLBACK_URL, callbackUrl);
        return template.requestBodyAndHeaders("finsify:reconnect", null, headers, Token.class);
    }

    @SuppressWarnings("unchecked")
    private List<Account> accounts(String loginSecret) {
        return template.requestBodyAndHeader("finsify:accounts", null, FinsifyConstants.LOGIN_SECRET, loginSecret,
                List.class);
    }

    @SuppressWarnings("unchecked")
    private List<Transaction> transactions(String loginSecret, long accountId, LocalDate from, LocalDate to) {
        Map<String, Object> headers = new HashMap<>();
        headers.put(FinsifyConstants.LOGIN_SECRET, loginSecret);
        headers.put(FinsifyConstants.ACCOUNT_ID, accountId);
        headers.put(FinsifyConstants.FROM_DATE, from);
        headers.put(FinsifyConstants.TO_DATE, to);
        return template.requestBodyAndHeaders("finsify:transactions", null, headers, List.class);
    }

    private Exchange call(String uri, String loginSecret) {
        Exchange exchange = template.request(uri, e -> e.getIn().setHeader(FinsifyConstants.LOGIN_SECRET, loginSecret));
        assertThat(exchange.getException()).as(uri).isNull();
        return exchange;
    }

    /** Submits the connect page open in the browser and reads what the callback endpoint captured. */
    private static ConnectResult submitAndCapture(String username, String password, CallbackServer.Callback callback)
            throws Exception {
        browser.submitLogin(username, password, callback.url());
        await("the callback").atMost(Duration.ofSeconds(10)).until(callback.request()::isDone);
        return new ConnectCallbackParser().parse(callback.request().join(), null);
    }

    private static String currencyOf(int serviceId) {
        return sandbox().services().stream().filter(s -> s.id() == serviceId).map(SandboxService::currency)
                .findFirst().orElseThrow();
    }

    /** The fields both sides know, with the amount as a number. */
    record Row(long id, LocalDate date, BigDecimal amount, String currency, String description, String category) {

        static Row of(Transaction t) {
            return new Row(t.id(), t.date(), t.amount(), t.currency(), t.description(), t.category());
        }

        static Row of(SandboxTransaction t) {
            return new Row(t.id(), t.date(), new BigDecimal(t.amount()), t.currency(), t.description(), t.category());
        }
    }
}
