package io.github.camelfinsify.examples.kamelets;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelfinsify.sandbox.FinsifySandbox;
import io.github.camelfinsify.sandbox.FinsifySandboxExtension;
import io.github.camelfinsify.sandbox.SandboxLogin;
import io.github.camelfinsify.sandbox.SandboxTransaction;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class FinsifyTransactionsSourceKameletTest {

    @RegisterExtension
    static FinsifySandboxExtension extension = new FinsifySandboxExtension(builder -> { });

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One received message: its JSON body and headers. */
    record Received(JsonNode body, Map<String, Object> headers) {
    }

    @Test
    void deliversTheLoginsTransactionsAsJsonThenNewOnes(FinsifySandbox sandbox) throws Exception {
        SandboxLogin login = sandbox.connectLogin("user_good");
        LocalDate from = LocalDate.now().minusDays(30);
        List<Received> received = new CopyOnWriteArrayList<>();

        RouteBuilder routes = new RouteBuilder() {
            @Override
            public void configure() {
                from("kamelet:finsify-transactions-source?clientId=" + sandbox.clientId()
                     + "&serviceSecret=RAW(" + sandbox.serviceSecret() + ")&baseUrl=" + sandbox.baseUrl()
                     + "&loginSecret=RAW(" + login.secret() + ")&initialFromDate=" + from + "&delay=500")
                        .process(e -> received.add(new Received(JSON.readTree(e.getMessage().getBody(String.class)),
                                new java.util.HashMap<>(e.getMessage().getHeaders()))));
            }
        };
        try (KameletRunner runner = new KameletRunner(routes).start()) {
            Set<Long> expected = login.accountIds().stream()
                    .flatMap(id -> sandbox.transactions(id).stream())
                    .filter(tx -> !tx.date().isBefore(from))
                    .map(SandboxTransaction::id).collect(Collectors.toSet());
            await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= expected.size());
            assertThat(ids(received)).containsExactlyInAnyOrderElementsOf(expected);

            Received first = received.get(0);
            assertThat(first.headers()).containsEntry("CamelFinsifyChangeType", "ADDED")
                    .containsEntry("Content-Type", "application/json")
                    .containsKey("CamelFinsifyAccountId").containsEntry("CamelFinsifyLoginId", login.loginId());
            assertThat(first.body().get("date").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
            assertThat(first.body().has("amount")).isTrue();

            // the bank posts new transactions: the next poll delivers exactly those
            List<SandboxTransaction> added = sandbox.addTransactions(login.accountIds().get(0), 2);
            await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= expected.size() + 2);
            Thread.sleep(1500); // two more polls: nothing more comes
            assertThat(received).hasSize(expected.size() + 2);
            assertThat(ids(received.subList(expected.size(), received.size())))
                    .containsExactlyInAnyOrderElementsOf(added.stream().map(SandboxTransaction::id).toList());
        }
    }

    private static List<Long> ids(List<Received> received) {
        return received.stream().map(r -> r.body().get("id").asLong()).toList();
    }
}
