package io.github.camelfinsify;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import io.github.camelfinsify.model.Account;
import io.github.camelfinsify.model.Customer;
import io.github.camelfinsify.model.FinsifyService;
import io.github.camelfinsify.model.LoginActivation;
import io.github.camelfinsify.model.LoginRefresh;
import io.github.camelfinsify.model.Token;
import io.github.camelfinsify.model.Transaction;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.camelfinsify.test.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each operation sends the request the API reference describes and maps its sample response.
 */
class FinsifyProducerTest extends FinsifyWireMockTestSupport {

    @Test
    void createCustomerPostsTheIdentifierAndAnswersTheCustomer() {
        api.stubFor(post("/v2/customer").willReturn(okJson(json("customer"))));

        Exchange exchange = template.request("finsify:createCustomer",
                e -> e.getIn().setHeader(FinsifyConstants.IDENTIFIER, "sample-identifier-user"));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody()).isEqualTo(
                new Customer("115eff49-1323-4f09-9fc1-c8009d81777b", "sample-identifier-user"));
        assertThat(exchange.getMessage().getHeader(FinsifyConstants.API_VERSION)).isEqualTo("v2");
        api.verify(postRequestedFor(urlPathEqualTo("/v2/customer"))
                .withHeader("client-id", equalTo(CLIENT_ID))
                .withHeader("service-secret", equalTo(SERVICE_SECRET))
                .withHeader("app-secret", absent())
                .withHeader("login-secret", absent())
                .withHeader("content-type", equalTo("application/json; charset=UTF-8").or(equalTo("application/json")))
                .withHeader("accept", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"identifier\":\"sample-identifier-user\"}")));
    }

    @Test
    void createTokenPostsCustomerServiceAndCallbackWithServiceIdAsNumber() {
        api.stubFor(post("/v2/token").willReturn(okJson(json("token"))));

        Token token = template.requestBodyAndHeaders("finsify:createToken?callbackUrl=http://localhost:2000/v2", null,
                Map.of(FinsifyConstants.CUSTOMER_ID, "115eff49-1323-4f09-9fc1-c8009d81777b",
                        FinsifyConstants.SERVICE_ID, 8),
                Token.class);

        assertThat(token).isEqualTo(new Token("fa03b249-3024-4564-a4bf-2661319e5a07",
                "https://api.finsify.com/v2/connect/term/fa03b249-3024-4564-a4bf-2661319e5a07"));
        api.verify(postRequestedFor(urlPathEqualTo("/v2/token"))
                .withHeader("service-secret", equalTo(SERVICE_SECRET))
                .withRequestBody(equalToJson("""
                        {"customer_id":"115eff49-1323-4f09-9fc1-c8009d81777b","service_id":8,
                         "callback_url":"http://localhost:2000/v2"}""")));
    }

    @Test
    void reconnectPostsTheCallbackWithTheLoginSecret() {
        api.stubFor(post("/v2/token/reconnect").willReturn(okJson(json("reconnect"))));

        Token token = template.requestBodyAndHeaders("finsify:reconnect", null,
                Map.of(FinsifyConstants.LOGIN_SECRET, LOGIN_SECRET,
                        FinsifyConstants.CALLBACK_URL, "http://localhost:2000/v2"),
                Token.class);

        assertThat(token.id()).isEqualTo("def5ac74-3d17-46ef-a940-4b3dd1a874ab");
        api.verify(postRequestedFor(urlPathEqualTo("/v2/token/reconnect"))
                .withHeader("login-secret", equalTo(LOGIN_SECRET))
                .withRequestBody(equalToJson("{\"callback_url\":\"http://localhost:2000/v2\"}")));
    }

    @Test
    void accountsGetsTheLoginsAccountsWithMoneyAsBigDecimal() {
        api.stubFor(get("/v2/account").willReturn(okJson(json("accounts"))));

        Exchange exchange = template.request("finsify:accounts",
                e -> e.getIn().setHeader(FinsifyConstants.LOGIN_SECRET, LOGIN_SECRET));

        assertThat(exchange.getMessage().getBody(List.class)).containsExactly(new Account(14324, "mockup-data-123456",
                123456, "Finsify sample account", new BigDecimal("291087.00"), "VND", "current"));
        assertThat(exchange.getMessage().getHeader(FinsifyConstants.API_VERSION)).isEqualTo("v2");
        api.verify(getRequestedFor(urlPathEqualTo("/v2/account"))
                .withHeader("client-id", equalTo(CLIENT_ID))
                .withHeader("service-secret", equalTo(SERVICE_SECRET))
                .withHeader("login-secret", equalTo(LOGIN_SECRET))
                .withHeader("content-type", equalTo("application/json")));
    }

    @Test
    void loginSecretOptionIsUsedWhenNoHeaderIsSet() {
        api.stubFor(get("/v2/account").willReturn(okJson(json("accounts"))));

        template.requestBody("finsify:accounts?loginSecret=RAW(option-secret-0123456789)", (Object) null);

        api.verify(getRequestedFor(urlPathEqualTo("/v2/account"))
                .withHeader("login-secret", equalTo("option-secret-0123456789")));
    }

    @Test
    void transactionsSendsAccountAndBothToDateAndEndDate() {
        api.stubFor(get(urlPathEqualTo("/v2/transaction")).willReturn(okJson(json("transactions"))));

        @SuppressWarnings("unchecked")
        List<Transaction> transactions = template.requestBodyAndHeaders(
                "finsify:transactions?fromDate=2016-08-26", null,
                Map.of(FinsifyConstants.LOGIN_SECRET, LOGIN_SECRET, FinsifyConstants.ACCOUNT_ID, 14324L,
                        FinsifyConstants.TO_DATE, LocalDate.of(2017, 10, 25)),
                List.class);

        assertThat(transactions).hasSize(5);
        Transaction first = transactions.get(0);
        assertThat(first.id()).isEqualTo(4116357L);
        assertThat(first.originalId()).isEqualTo("techcombank-0bd9d3f5d3406cf0b1d545ccab422fa2");
        assertThat(first.date()).isEqualTo(LocalDate.of(2017, 3, 27));
        assertThat(first.amount()).isEqualByComparingTo("-61299.00");
        assertThat(first.amount().scale()).isEqualTo(2);
        assertThat(first.currency()).isEqualTo("VND");
        assertThat(first.category()).isEqualTo("auto_and_transport");
        assertThat(first.meta()).isNull();
        api.verify(getRequestedFor(urlPathEqualTo("/v2/transaction"))
                .withHeader("login-secret", equalTo(LOGIN_SECRET))
                .withQueryParam("account_id", equalTo("14324"))
                .withQueryParam("from_date", equalTo("2016-08-26"))
                .withQueryParam("to_date", equalTo("2017-10-25"))
                .withQueryParam("end_date", equalTo("2017-10-25")));
    }

    @Test
    void transactionsAcceptsAmountsAsJsonNumbersWithoutLosingDigits() {
        api.stubFor(get(urlPathEqualTo("/v2/transaction")).willReturn(okJson("""
                {"data":[{"id":1,"date":"2017-03-27","amount":-61299.10000000000000001,"currency":"VND"}]}""")));

        List<?> transactions = template.requestBodyAndHeaders("finsify:transactions?accountId=14324", null,
                Map.of(FinsifyConstants.LOGIN_SECRET, LOGIN_SECRET), List.class);

        assertThat(((Transaction) transactions.get(0)).amount()).isEqualTo(new BigDecimal("-61299.10000000000000001"));
    }

    @Test
    void streamingTransactionsAreALazyCloseableIteratorThatASplitterConsumes() throws Exception {
        api.stubFor(get(urlPathEqualTo("/v2/transaction")).willReturn(okJson(json("transactions"))));
        MockEndpoint split = getMockEndpoint("mock:split");
        split.expectedMessageCount(5);

        template.sendBodyAndHeader("direct:stream", null, FinsifyConstants.LOGIN_SECRET, LOGIN_SECRET);

        split.assertIsSatisfied();
        assertThat(split.getExchanges()).extracting(e -> e.getIn().getBody(Transaction.class).id())
                .containsExactly(4116357L, 4116358L, 4116359L, 4116353L, 4779956L);
        assertThat(getMockEndpoint("mock:body").getExchanges().get(0).getIn().getBody())
                .isInstanceOf(Iterator.class).isInstanceOf(AutoCloseable.class);
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:stream")
                        .to("finsify:transactions?streaming=true&accountId=14324")
                        .to("mock:body")
                        .split(body()).streaming()
                        .to("mock:split");
            }
        };
    }

    @Test
    void activateLoginPutsAndAnswersAnActiveLogin() {
        api.stubFor(put("/v2/login/activate").willReturn(okJson(json("activate"))));

        Exchange exchange = template.request("finsify:activateLogin",
                e -> e.getIn().setHeader(FinsifyConstants.LOGIN_SECRET, LOGIN_SECRET));

        assertThat(exchange.getMessage().getBody()).isEqualTo(new LoginActivation(52345, true));
        assertThat(exchange.getMessage().getHeader(FinsifyConstants.LOGIN_ID)).isEqualTo(52345L);
        api.verify(putRequestedFor(urlPathEqualTo("/v2/login/activate"))
                .withHeader("login-secret", equalTo(LOGIN_SECRET))
                .withHeader("content-type", equalTo("application/json")));
    }

    @Test
    void deactivateLoginReadsTheDeActivateFlag() {
        api.stubFor(put("/v2/login/deactivate").willReturn(okJson(json("deactivate"))));

        Exchange exchange = template.request("finsify:deactivateLogin",
                e -> e.getIn().setHeader(FinsifyConstants.LOGIN_SECRET, LOGIN_SECRET));

        assertThat(exchange.getMessage().getBody()).isEqualTo(new LoginActivation(52345, false));
        assertThat(exchange.getMessage().getHeader(FinsifyConstants.LOGIN_ID)).isEqualTo(52345L);
        api.verify(putRequestedFor(urlPathEqualTo("/v2/login/deactivate")).withHeader("login-secret",
                equalTo(LOGIN_SECRET)));
    }

    @Test
    void refreshLoginAnswersTheRefreshTimesAndTheNextPossibleRefreshHeader() {
        api.stubFor(put("/v2/login/refresh").willReturn(okJson(json("refresh"))));

        Exchange exchange = template.request("finsify:refreshLogin",
                e -> e.getIn().setHeader(FinsifyConstants.LOGIN_SECRET, LOGIN_SECRET));

        Instant next = Instant.parse("2017-08-13T09:24:08.073Z");
        assertThat(exchange.getMessage().getBody()).isEqualTo(
                new LoginRefresh(51234, true, Instant.parse("2017-08-13T09:19:08.073Z"), next));
        assertThat(exchange.getMessage().getHeader(FinsifyConstants.LOGIN_ID)).isEqualTo(51234L);
        assertThat(exchange.getMessage().getHeader(FinsifyConstants.NEXT_REFRESH_POSSIBLE_AT)).isEqualTo(next);
        api.verify(putRequestedFor(urlPathEqualTo("/v2/login/refresh")).withHeader("login-secret",
                equalTo(LOGIN_SECRET)));
    }

    @Test
    void servicesGetsTheStaticListWithoutPartnerCredentials() {
        api.stubFor(get("/service.json").willReturn(okJson(json("services"))));

        List<?> services = template.requestBody("finsify:services", null, List.class);

        FinsifyService ambank = (FinsifyService) services.get(0);
        assertThat(ambank.id()).isEqualTo(67);
        assertThat(ambank.name()).isEqualTo("AmBank");
        assertThat(ambank.color().primary()).isEqualTo("ED1B24");
        assertThat(ambank.hasBalance()).isTrue();
        assertThat(ambank.callToAction()).isNull();
        api.verify(getRequestedFor(urlPathEqualTo("/service.json")).withHeader("service-secret", absent()));
    }

    @Test
    void operationHeaderOverridesTheEndpointOperation() {
        api.stubFor(get("/v2/account").willReturn(okJson(json("accounts"))));

        Object body = template.requestBodyAndHeaders("finsify:refreshLogin", null,
                Map.of(FinsifyConstants.OPERATION, "accounts", FinsifyConstants.LOGIN_SECRET, LOGIN_SECRET));

        assertThat(body).asInstanceOf(InstanceOfAssertFactories.LIST).hasSize(1);
    }

    @Test
    void servicesInsideADataEnvelopeAreReadLikeABareList() {
        api.stubFor(get("/service.json").willReturn(okJson("{\"data\":" + json("services") + ",\"version\":\"v2\"}")));

        List<?> services = template.requestBody("finsify:services", null, List.class);

        assertThat(services).hasSize(json("services").split("\"id\"").length - 1);
        assertThat(((FinsifyService) services.get(0)).name()).isEqualTo("AmBank");
    }

    @Test
    void aStreamReadAfterItsExchangeCompletedThrowsInsteadOfLookingEmpty() {
        api.stubFor(get(urlPathEqualTo("/v2/transaction")).willReturn(okJson(json("transactions"))));

        Iterator<?> stream = template.requestBody("finsify:transactions?streaming=true&accountId=14324&loginSecret="
                                                  + LOGIN_SECRET, null, Iterator.class);

        assertThatThrownBy(stream::hasNext).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed when its exchange completed")
                .hasMessageContaining("streaming=false");
    }
}
