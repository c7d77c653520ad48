package io.github.camelfinsify.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BulkLoginsTest {

    private static final Clock FIXED = Clock.fixed(Instant.parse("2024-03-01T08:00:00Z"), ZoneOffset.UTC);

    private FinsifySandbox sandbox;
    private Http admin;

    @BeforeEach
    void start() {
        sandbox = FinsifySandbox.builder().clock(FIXED).build().start();
        admin = Http.bare(sandbox).with("content-type", "application/json");
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void postLoginsBulkAnswersEveryCreatedLogin() {
        Http.Answer answer = admin.post("/sandbox/logins/bulk", "{\"username\":\"user_good\",\"count\":1000,\"service_id\":8}");
        assertThat(answer.status()).isEqualTo(201);
        JsonNode logins = answer.json();
        assertThat(logins).hasSize(1000).allSatisfy(login -> {
            assertThat(login.path("login_id").asLong()).isPositive();
            assertThat(login.path("secret").asText()).isNotBlank();
            assertThat(login.path("customer_id").asText()).isNotBlank();
            assertThat(login.path("account_ids")).hasSize(3);
        });
        Set<Long> ids = new HashSet<>();
        logins.forEach(login -> ids.add(login.path("login_id").asLong()));
        assertThat(ids).hasSize(1000);
    }

    @Test
    void bulkLoginsServeTheApiLikeConnectedOnes() {
        JsonNode login = admin.post("/sandbox/logins/bulk", "{\"username\":\"user_good\",\"count\":3,\"service_id\":67}")
                .json().get(2);
        Http api = Http.api(sandbox).login(login.path("secret").asText());
        JsonNode accounts = api.get("/v2/account").json().path("data");
        assertThat(accounts).hasSize(3).allSatisfy(a -> assertThat(a.path("currency").asText()).isEqualTo("MYR"));
        long accountId = login.path("account_ids").get(0).asLong();
        JsonNode transactions = api.get("/v2/transaction?account_id=" + accountId).json().path("data");
        assertThat(transactions.size()).isGreaterThan(100);
        assertThat(StreamSupport.stream(transactions.spliterator(), false).map(t -> t.path("id").asLong()))
                .doesNotHaveDuplicates()
                .containsExactlyElementsOf(sandbox.transactions(accountId).stream().map(SandboxTransaction::id)
                        .toList());
    }

    @Test
    void aBulkLoginsHistoryReadsTheSameEveryTime() {
        SandboxLogin login = sandbox.connectLogins("user_good", 2).get(1);
        long accountId = login.accountIds().get(1);
        assertThat(sandbox.transactions(accountId)).isNotEmpty().isEqualTo(sandbox.transactions(accountId));
    }

    @Test
    void changesToABulkLoginsTransactionsAreKept() {
        SandboxLogin login = sandbox.connectLogins("user_good", 1).get(0);
        long accountId = login.accountIds().get(0);
        List<SandboxTransaction> before = sandbox.transactions(accountId);
        SandboxTransaction first = before.get(0);
        SandboxTransaction last = before.get(before.size() - 1);

        sandbox.updateTransaction(first.id(), "-1.00", "CORRECTED");
        sandbox.removeTransaction(last.id());
        List<SandboxTransaction> added = sandbox.addTransactions(accountId, 2);

        List<SandboxTransaction> after = sandbox.transactions(accountId);
        assertThat(after).hasSize(before.size() + 1)
                .contains(first.withAmountAndDescription("-1.00", "CORRECTED"))
                .doesNotContain(last)
                .containsAll(added);
        assertThat(admin.put("/sandbox/transactions/" + before.get(1).id(), "{\"description\":\"X\"}").status())
                .isEqualTo(200);
        assertThat(sandbox.transactions(accountId).get(1).description()).isEqualTo("X");
    }

    @Test
    void sameSeedAndCallsGiveTheSameBulkLogins() {
        List<List<SandboxTransaction>> first = bulkData();
        List<List<SandboxTransaction>> second = bulkData();
        assertThat(first).isEqualTo(second);
    }

    private static List<List<SandboxTransaction>> bulkData() {
        try (FinsifySandbox other = FinsifySandbox.builder().seed(7).clock(FIXED).build()) {
            SandboxLogin login = other.connectLogins("user_good", 5).get(4);
            return login.accountIds().stream().map(other::transactions).toList();
        }
    }

    @Test
    void bulkLoginsAreNumberedAfterEarlierLogins() {
        SandboxLogin single = sandbox.connectLogin("user_good");
        List<SandboxLogin> bulk = sandbox.connectLogins("user_good", 3);
        assertThat(bulk).extracting(SandboxLogin::loginId)
                .containsExactly(single.loginId() + 1, single.loginId() + 2, single.loginId() + 3);
        assertThat(sandbox.connectLogin("user_good").loginId()).isEqualTo(single.loginId() + 4);
    }

    @Test
    void bulkUserManyLoginsStreamTheirTransactions() {
        SandboxLogin login = sandbox.connectLogins("user_many", 2).get(1);
        assertThat(login.accountIds()).hasSize(1);
        JsonNode page = Http.api(sandbox).login(login.secret())
                .get("/v2/transaction?account_id=" + login.accountIds().get(0) + "&from_date=2024-02-01").json();
        assertThat(page.path("data").size()).isPositive();
    }

    @Test
    void bulkOfAFailingUsernameIsRefusedNamingTheStatus() {
        Http.Answer answer = admin.post("/sandbox/logins/bulk", "{\"username\":\"account_locked\",\"count\":2}");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("message").asText()).contains("login_account_locked");
        assertThat(sandbox.connectLogin("user_good").loginId()).as("nothing was created").isEqualTo(21001);
    }

    @Test
    void bulkCountOutOfRangeIsRefusedNamingCount() {
        assertThat(admin.post("/sandbox/logins/bulk", "{\"username\":\"user_good\",\"count\":0}").json()
                .path("message").asText()).contains("count");
        assertThat(admin.post("/sandbox/logins/bulk", "{\"username\":\"user_good\"}").status()).isEqualTo(400);
        assertThatThrownBy(() -> sandbox.connectLogins("user_good", 100_001))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("count");
    }
}
