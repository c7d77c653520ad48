package io.github.camelfinsify;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.camelfinsify.model.RemovedTransaction;
import io.github.camelfinsify.model.Transaction;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.camelfinsify.test.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A bank's pending item comes without a date. The feed delivers it once as ADDED and keeps it, whatever the window;
 * when it posts (gains a date or other content) it is MODIFIED, and when the bank drops it, REMOVED without a date.
 */
class PendingTransactionSyncTest extends FinsifyWireMockTestSupport {

    private static final String PENDING = """
            {"data":[{"id":4116357,"original_id":"techcombank-0bd9d3f5d3406cf0b1d545ccab422fa2","date":null,
              "amount":"-61299.00","currency":"VND","description":"PENDING UBER VN","category":null,"meta":null}],
             "version":"v2"}""";
    private static final String POSTED = PENDING.replace("\"date\":null", "\"date\":\"" + LocalDate.now() + "\"");
    private static final String EMPTY = "{\"data\":[],\"version\":\"v2\"}";

    private final List<Exchange> delivered = new CopyOnWriteArrayList<>();

    @Override
    protected RoutesBuilder createRouteBuilder() {
        api.stubFor(get("/v2/account").willReturn(okJson(json("accounts"))));
        api.stubFor(get(urlPathEqualTo("/v2/transaction")).willReturn(okJson(PENDING)));
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("finsify:transactions?loginSecret=" + LOGIN_SECRET + "&delay=20&initialDelay=0")
                        .process(delivered::add);
            }
        };
    }

    private void awaitPolls(int more) {
        int before = api.countRequestsMatching(getRequestedFor(urlPathEqualTo("/v2/transaction")).build()).getCount();
        await().atMost(Duration.ofSeconds(10)).until(() -> api.countRequestsMatching(
                getRequestedFor(urlPathEqualTo("/v2/transaction")).build()).getCount() >= before + more);
    }

    private List<ChangeType> changeTypes() {
        return delivered.stream().map(e -> e.getIn().getHeader(FinsifyConstants.CHANGE_TYPE, ChangeType.class))
                .toList();
    }

    @Test
    void aPendingTransactionIsAddedOnceThenModifiedWhenItPostsThenRemovedWhenDropped() {
        awaitPolls(4);
        assertThat(changeTypes()).containsExactly(ChangeType.ADDED);
        assertThat(delivered.get(0).getIn().getBody(Transaction.class).date()).isNull();

        api.stubFor(get(urlPathEqualTo("/v2/transaction")).willReturn(okJson(POSTED)));
        awaitPolls(4);
        assertThat(changeTypes()).containsExactly(ChangeType.ADDED, ChangeType.MODIFIED);
        assertThat(delivered.get(1).getIn().getBody(Transaction.class).date()).isEqualTo(LocalDate.now());

        api.stubFor(get(urlPathEqualTo("/v2/transaction")).willReturn(okJson(PENDING)));
        awaitPolls(2);
        api.stubFor(get(urlPathEqualTo("/v2/transaction")).willReturn(okJson(EMPTY)));
        awaitPolls(4);
        assertThat(changeTypes()).containsExactly(ChangeType.ADDED, ChangeType.MODIFIED, ChangeType.MODIFIED,
                ChangeType.REMOVED);
        assertThat(delivered.get(3).getIn().getBody(RemovedTransaction.class))
                .isEqualTo(new RemovedTransaction(4116357, 14324, null));
    }
}
