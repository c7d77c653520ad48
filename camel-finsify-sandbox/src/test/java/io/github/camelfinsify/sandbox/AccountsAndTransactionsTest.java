package io.github.camelfinsify.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AccountsAndTransactionsTest {

    @RegisterExtension
    static FinsifySandboxExtension extension = new FinsifySandboxExtension();

    FinsifySandbox sandbox;

    @BeforeEach
    void setUp() {
        sandbox = extension.sandbox();
        sandbox.reset();
    }

    private JsonNode transactions(SandboxLogin login, long accountId, String query) {
        Http.Answer answer = Http.api(sandbox).login(login.secret())
                .get("/v2/transaction?account_id=" + accountId + query);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    @Test
    void userGoodHasCurrentSavingAndCreditCardAccountsInTheReferenceShape() {
        SandboxLogin login = sandbox.connectLogin("user_good");
        JsonNode json = Http.api(sandbox).login(login.secret()).get("/v2/account").json();
        assertThat(json.path("version").asText()).isEqualTo("v2");
        List<String> types = new ArrayList<>();
        for (JsonNode account : json.path("data")) {
            types.add(account.path("type").asText());
            assertThat(account.path("login_id").asLong()).isEqualTo(login.loginId());
            assertThat(account.path("original_id").asText()).isNotBlank();
            assertThat(account.path("name").asText()).isNotBlank();
            assertThat(account.path("balance").isTextual()).isTrue();
            assertThat(account.path("balance").asText()).matches("-?\\d+\\.\\d{2}");
            assertThat(account.path("currency").asText()).isEqualTo("VND");
        }
        assertThat(types).containsExactly("current", "saving", "credit_card");
        assertThat(json.path("data").findValues("id").stream().map(JsonNode::asLong).toList())
                .containsExactlyElementsOf(login.accountIds());
    }

    @Test
    void accountCurrencyFollowsTheServiceCountry() {
        assertThat(currencyOf(sandbox.connectLogin("user_good", 67))).isEqualTo("MYR");
        assertThat(currencyOf(sandbox.connectLogin("user_good", 90))).isEqualTo("SGD");
        assertThat(currencyOf(sandbox.connectLogin("user_good", 120))).isEqualTo("USD");
        assertThat(currencyOf(sandbox.connectLogin("user_good", 8))).isEqualTo("VND");
    }

    private String currencyOf(SandboxLogin login) {
        return Http.api(sandbox).login(login.secret()).get("/v2/account").json().path("data").get(0)
                .path("currency").asText();
    }

    @Test
    void transactionsHaveTheReferenceShapeWithDecimalStringAmounts() {
        SandboxLogin login = sandbox.connectLogin("user_good");
        JsonNode json = transactions(login, login.accountIds().get(0), "");
        assertThat(json.path("version").asText()).isEqualTo("v2");
        for (JsonNode t : json.path("data")) {
            assertThat(t.path("id").isIntegralNumber()).isTrue();
            assertThat(t.path("original_id").asText()).startsWith("techcombank-");
            assertThat(t.path("date").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
            assertThat(t.path("amount").isTextual()).isTrue();
            assertThat(t.path("amount").asText()).matches("-?\\d+\\.\\d{2}");
            assertThat(t.path("currency").asText()).isEqualTo("VND");
            assertThat(t.path("description").asText()).isNotBlank();
            assertThat(t.path("category").asText()).matches("[a-z_]+");
            assertThat(t.has("meta")).isTrue();
            assertThat(t.path("meta").isNull()).isTrue();
        }
    }

    @Test
    void userGoodAccountsHoldAFewHundredTransactionsOverTwoYears() {
        SandboxLogin login = sandbox.connectLogin("user_good");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (long accountId : login.accountIds()) {
            List<SandboxTransaction> all = sandbox.transactions(accountId);
            assertThat(all).hasSizeBetween(150, 600);
            assertThat(all.get(0).date()).isBefore(today.minusDays(700));
            assertThat(all.get(all.size() - 1).date()).isAfter(today.minusDays(30));
        }
    }

    @Test
    void transactionsUseBankStyleDescriptionsAndTheReferenceCategories() {
        SandboxLogin login = sandbox.connectLogin("user_good");
        Set<String> categories = new HashSet<>();
        sandbox.transactions(login.accountIds().get(0)).forEach(t -> categories.add(t.category()));
        assertThat(categories).contains("auto_and_transport", "food_and_dining", "shopping", "bills_and_utilities",
                "income", "transfer");
        assertThat(sandbox.transactions(login.accountIds().get(0)))
                .anySatisfy(t -> assertThat(t.description()).startsWith("GD THE QUA POS SO THE 422149...0052 NGAY"));
    }

    @Test
    void dateRangeIsInclusiveOnBothEnds() {
        SandboxLogin login = sandbox.connectLogin("user_good");
        long accountId = login.accountIds().get(0);
        List<SandboxTransaction> all = sandbox.transactions(accountId);
        LocalDate from = all.get(10).date();
        LocalDate to = all.get(40).date();
        JsonNode json = transactions(login, accountId, "&from_date=" + from + "&to_date=" + to);
        long expected = all.stream().filter(t -> !t.date().isBefore(from) && !t.date().isAfter(to)).count();
        assertThat(json.path("data").size()).isEqualTo((int) expected);
        assertThat(json.path("data").get(0).path("date").asText()).isEqualTo(from.toString());
        assertThat(json.path("data").get((int) expected - 1).path("date").asText()).isEqualTo(to.toString());
    }

    @Test
    void endDateWorksAsToDate() {
        SandboxLogin login = sandbox.connectLogin("user_good");
        long accountId = login.accountIds().get(0);
        LocalDate to = sandbox.transactions(accountId).get(20).date();
        assertThat(transactions(login, accountId, "&from_date=2000-01-01&end_date=" + to))
                .isEqualTo(transactions(login, accountId, "&from_date=2000-01-01&to_date=" + to));
    }

    @Test
    void fromDateAfterToDateIsDataInvalid() {
        SandboxLogin login = sandbox.connectLogin("user_good");
        Http.Answer answer = Http.api(sandbox).login(login.secret()).get("/v2/transaction?account_id="
                + login.accountIds().get(0) + "&from_date=2024-02-01&to_date=2024-01-01");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("error").asText()).isEqualTo("DataInvalid");
    }

    @Test
    void apiTransactionsEqualTheSandboxTruth() {
        SandboxLogin login = sandbox.connectLogin("user_good");
        long accountId = login.accountIds().get(2);
        JsonNode data = transactions(login, accountId, "").path("data");
        List<SandboxTransaction> truth = sandbox.transactions(accountId);
        assertThat(data.size()).isEqualTo(truth.size());
        for (int i = 0; i < truth.size(); i++) {
            SandboxTransaction t = truth.get(i);
            JsonNode node = data.get(i);
            assertThat(node.path("id").asLong()).isEqualTo(t.id());
            assertThat(node.path("date").asText()).isEqualTo(t.date().toString());
            assertThat(node.path("amount").asText()).isEqualTo(t.amount());
            assertThat(node.path("description").asText()).isEqualTo(t.description());
            assertThat(node.path("category").asText()).isEqualTo(t.category());
            assertThat(t.accountId()).isEqualTo(accountId);
        }
    }

    @Test
    void transactionsOfUserManysAccountAreNotHeldSoTheJavaApiRefusesThem() {
        SandboxLogin login = sandbox.connectLogin("user_many");
        assertThat(login.accountIds()).hasSize(1);
        assertThatThrownBy(() -> sandbox.transactions(login.accountIds().get(0)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void loginToStringMasksTheSecret() {
        SandboxLogin login = sandbox.connectLogin("user_good");
        assertThat(login.toString()).doesNotContain(login.secret());
    }
}
