package io.github.camelfinsify.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeterminismTest {

    private static final Clock FIXED = Clock.fixed(Instant.parse("2024-03-01T08:00:00Z"), ZoneOffset.UTC);

    private static List<List<SandboxTransaction>> data(long seed) {
        try (FinsifySandbox sandbox = FinsifySandbox.builder().seed(seed).clock(FIXED).build()) {
            SandboxLogin login = sandbox.connectLogin("user_good");
            return login.accountIds().stream().map(sandbox::transactions).toList();
        }
    }

    @Test
    void sameSeedGivesTheSameTransactions() {
        assertThat(data(7)).isEqualTo(data(7));
    }

    @Test
    void differentSeedsGiveDifferentTransactions() {
        assertThat(data(7)).isNotEqualTo(data(8));
    }

    @Test
    void sameSeedGivesTheSameUserManyBody() throws Exception {
        assertThat(userManyBody(11)).isEqualTo(userManyBody(11)).isNotEqualTo(userManyBody(12));
    }

    private static String userManyBody(long seed) {
        try (FinsifySandbox sandbox = FinsifySandbox.builder().seed(seed).clock(FIXED).manyTransactions(500)
                .build().start()) {
            SandboxLogin login = sandbox.connectLogin("user_many");
            return Http.api(sandbox).login(login.secret())
                    .get("/v2/transaction?account_id=" + login.accountIds().get(0)).body();
        }
    }
}
