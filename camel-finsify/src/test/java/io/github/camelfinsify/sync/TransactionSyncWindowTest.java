package io.github.camelfinsify.sync;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.camelfinsify.ChangeType;
import io.github.camelfinsify.client.FinsifyClient;
import io.github.camelfinsify.client.FinsifyClientConfig;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.camelfinsify.test.Fixtures.json;

/**
 * The window a sync asks the API for: from initialFromDate the first time, then lookbackDays before the cursor, but
 * never before initialFromDate, so a look-back longer than the history asked for brings no older transactions.
 */
class TransactionSyncWindowTest {

    private static final String LOGIN_SECRET = "78cea84c-7eb8-4425-2312-3a1ac8383afe";
    private static final long ACCOUNT = 19301;
    private static final LocalDate TODAY = LocalDate.of(2017, 3, 28);

    @RegisterExtension
    static WireMockExtension api = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private FinsifyClient client;

    @BeforeEach
    void start() {
        // the reference's sample: transactions of 2017-03-27
        api.stubFor(get(urlPathEqualTo("/v2/transaction")).willReturn(okJson(json("transactions"))));
        client = new FinsifyClient(FinsifyClientConfig.builder()
                .baseUrl(api.baseUrl() + "/v2")
                .clientId("sample-clientId")
                .serviceSecret("75167f66-22dc-415d-b799-c0dd73b951ca")
                .build());
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
    }

    @Test
    void aLookBackLongerThanTheHistoryAskedForStartsAtInitialFromDate() {
        TransactionSync sync = new TransactionSync(new MemoryStateRepository(), 14, LocalDate.of(2017, 3, 20),
                Set.of(ChangeType.values()), Clock.fixed(TODAY.atStartOfDay().toInstant(ZoneOffset.UTC),
                        ZoneOffset.UTC));
        for (int round = 0; round < 2; round++) {
            try (TransactionSync.Session session = sync.open(client, LOGIN_SECRET, ACCOUNT)) {
                session.changes().forEach(session::commit);
            }
        }
        api.verify(2, getRequestedFor(urlPathEqualTo("/v2/transaction")).withQueryParam("from_date",
                equalTo("2017-03-20")));
    }
}
