package io.github.camelfinsify.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class UserManyTest {

    private static final Clock FIXED = Clock.fixed(Instant.parse("2024-03-01T08:00:00Z"), ZoneOffset.UTC);

    @RegisterExtension
    static FinsifySandboxExtension extension =
            new FinsifySandboxExtension(builder -> builder.manyTransactions(5_000).clock(FIXED));

    private JsonNode transactions(FinsifySandbox sandbox, SandboxLogin login, String query) {
        Http.Answer answer = Http.api(sandbox).login(login.secret())
                .get("/v2/transaction?account_id=" + login.accountIds().get(0) + query);
        assertThat(answer.status()).isEqualTo(200);
        return answer.json();
    }

    @Test
    void userManyHasOneAccountWithTheConfiguredNumberOfTransactions(FinsifySandbox sandbox) {
        SandboxLogin login = sandbox.connectLogin("user_many");
        JsonNode json = transactions(sandbox, login, "");
        assertThat(json.path("version").asText()).isEqualTo("v2");
        assertThat(json.path("data")).hasSize(5_000);
        assertThat(json.path("data").get(0).path("amount").asText()).matches("-?\\d+\\.\\d{2}");
    }

    @Test
    void userManyTransactionsHaveDistinctIdsAndRisingDatesOverTwoYears(FinsifySandbox sandbox) {
        SandboxLogin login = sandbox.connectLogin("user_many");
        JsonNode data = transactions(sandbox, login, "").path("data");
        assertThat(data.findValues("id").stream().map(JsonNode::asLong).distinct().count()).isEqualTo(5_000);
        assertThat(data.get(0).path("date").asText()).isEqualTo("2022-03-03");
        assertThat(data.get(4_999).path("date").asText()).isEqualTo("2024-03-01");
    }

    @Test
    void userManyAppliesTheInclusiveDateRange(FinsifySandbox sandbox) {
        SandboxLogin login = sandbox.connectLogin("user_many");
        JsonNode all = transactions(sandbox, login, "").path("data");
        LocalDate from = LocalDate.parse("2023-01-10");
        LocalDate to = LocalDate.parse("2023-02-20");
        long expected = 0;
        for (JsonNode t : all) {
            LocalDate date = LocalDate.parse(t.path("date").asText());
            if (!date.isBefore(from) && !date.isAfter(to)) {
                expected++;
            }
        }
        JsonNode ranged = transactions(sandbox, login, "&from_date=" + from + "&end_date=" + to).path("data");
        assertThat(ranged.size()).isEqualTo((int) expected).isPositive();
        assertThat(ranged.get(0).path("date").asText()).isEqualTo(from.toString());
        assertThat(ranged.get(ranged.size() - 1).path("date").asText()).isEqualTo(to.toString());
    }

    @Test
    void userManyRangeOutsideItsHistoryIsEmpty(FinsifySandbox sandbox) {
        SandboxLogin login = sandbox.connectLogin("user_many");
        assertThat(transactions(sandbox, login, "&from_date=2010-01-01&to_date=2010-12-31").path("data")).isEmpty();
    }
}
