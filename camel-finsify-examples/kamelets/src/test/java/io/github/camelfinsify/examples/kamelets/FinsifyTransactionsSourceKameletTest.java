package io.github.camelfinsify.examples.kamelets;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelfinsify.examples.kamelets.KameletRunner.Received;
import io.github.camelfinsify.sandbox.FinsifySandbox;
import io.github.camelfinsify.sandbox.FinsifySandboxExtension;
import io.github.camelfinsify.sandbox.SandboxLogin;
import io.github.camelfinsify.sandbox.SandboxTransaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class FinsifyTransactionsSourceKameletTest {

    @RegisterExtension
    static FinsifySandboxExtension extension = new FinsifySandboxExtension(builder -> { });

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String ROUTE = """
            - route:
                from:
                  uri: "kamelet:finsify-transactions-source"
                  parameters:
                    clientId: "{{finsify.client-id}}"
                    serviceSecret: "{{finsify.service-secret}}"
                    loginSecret: "{{finsify.login-secret}}"
                    baseUrl: "{{finsify.base-url}}"
                    initialFromDate: "{{finsify.initial-from-date}}"
                    delay: 500
                  steps:
                    - to: "seda:transactions"
            """;

    @Test
    void aYamlRouteReceivesTheLoginsTransactionsAsJsonThenOnlyNewOnes(FinsifySandbox sandbox, @TempDir Path dir)
            throws Exception {
        SandboxLogin login = sandbox.connectLogin("user_good");
        LocalDate from = LocalDate.now().minusDays(30);

        try (KameletRunner runner = new KameletRunner(dir, ROUTE, Map.of(
                "finsify.client-id", sandbox.clientId(),
                "finsify.service-secret", sandbox.serviceSecret(),
                "finsify.login-secret", login.secret(),
                "finsify.base-url", sandbox.baseUrl(),
                "finsify.initial-from-date", from.toString())).start()) {
            List<Received> received = runner.received("seda:transactions");
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
            JsonNode body = JSON.readTree(first.body());
            assertThat(body.get("date").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
            assertThat(body.has("amount")).isTrue();

            // the bank posts new transactions: the next polls deliver exactly those, and nothing more
            List<SandboxTransaction> added = sandbox.addTransactions(login.accountIds().get(0), 2);
            await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= expected.size() + 2);
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
                    .until(() -> received.size() == expected.size() + 2);
            List<Received> news = received.subList(expected.size(), received.size());
            assertThat(ids(news)).containsExactlyInAnyOrderElementsOf(added.stream().map(SandboxTransaction::id).toList());
            for (SandboxTransaction transaction : added) {
                JsonNode delivered = news.stream().map(r -> json(r.body()))
                        .filter(b -> b.get("id").asLong() == transaction.id()).findFirst().orElseThrow();
                assertThat(delivered.get("amount").decimalValue()).isEqualByComparingTo(transaction.amount());
            }
        }
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    private static List<Long> ids(List<Received> received) {
        return received.stream().map(r -> json(r.body()).get("id").asLong()).toList();
    }
}
