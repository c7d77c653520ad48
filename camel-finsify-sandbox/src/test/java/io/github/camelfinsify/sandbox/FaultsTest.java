package io.github.camelfinsify.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FaultsTest {

    @RegisterExtension
    static FinsifySandboxExtension extension = new FinsifySandboxExtension();

    FinsifySandbox sandbox;
    SandboxLogin login;

    @BeforeEach
    void setUp() {
        sandbox = extension.sandbox();
        sandbox.reset();
        login = sandbox.connectLogin("user_good");
    }

    private Http.Answer accounts() {
        return Http.api(sandbox).login(login.secret()).get("/v2/account");
    }

    @Test
    void fault503AnswersServerMaintenanceForTheNextNCallsOnly() {
        sandbox.injectFault("503", 2);
        for (int i = 0; i < 2; i++) {
            Http.Answer answer = accounts();
            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.json().path("error").asText()).isEqualTo("ServerMaintenance");
        }
        assertThat(accounts().status()).isEqualTo(200);
    }

    @Test
    void fault500AnswersInternalError() {
        sandbox.injectFault("500", 1);
        Http.Answer answer = accounts();
        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.json().path("error").asText()).isEqualTo("InternalError");
    }

    @Test
    void fault429AnswersRetryAfterOneSecondWithAJsonBody() {
        sandbox.injectFault("429", 1);
        Http.Answer answer = accounts();
        assertThat(answer.status()).isEqualTo(429);
        assertThat(answer.header("Retry-After")).isEqualTo("1");
        assertThat(answer.json().path("error").asText()).isNotBlank();
    }

    @Test
    void delayFaultWaitsThenAnswersNormally() {
        sandbox.injectFault("delay", 1, 700);
        long start = System.nanoTime();
        Http.Answer answer = accounts();
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(answer.status()).isEqualTo(200);
        assertThat(tookMillis).isGreaterThanOrEqualTo(700);
    }

    @Test
    void resetFaultResetsTheConnection() {
        sandbox.injectFault("reset", 1);
        assertThatThrownBy(this::accounts).isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(IOException.class);
        assertThat(accounts().status()).isEqualTo(200);
    }

    @Test
    void malformedFaultAnswers200WithTruncatedJson() {
        sandbox.injectFault("malformed", 1);
        Http.Answer answer = accounts();
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("content-type")).startsWith("application/json");
        assertThatThrownBy(() -> Http.MAPPER.readTree(answer.body())).isInstanceOf(IOException.class);
    }

    @Test
    void faultsQueueUpInOrder() {
        sandbox.injectFault("500", 1);
        sandbox.injectFault("503", 1);
        assertThat(accounts().status()).isEqualTo(500);
        assertThat(accounts().status()).isEqualTo(503);
        assertThat(accounts().status()).isEqualTo(200);
    }

    @Test
    void faultsSpareTheConnectPageTheServiceListAndTheAdminApi() {
        sandbox.injectFault("500", 1);
        assertThat(Http.bare(sandbox).get("/service.json").status()).isEqualTo(200);
        assertThat(Http.bare(sandbox).get("/sandbox/accounts/" + login.accountIds().get(0) + "/transactions")
                .status()).isEqualTo(200);
        assertThat(Http.bare(sandbox).get("/v2/connect/term/unknown").status()).isEqualTo(400);
        assertThat(accounts().status()).isEqualTo(500);
    }

    @Test
    void faultsApplyBeforeAuthentication() {
        sandbox.injectFault("503", 1);
        assertThat(Http.bare(sandbox).get("/v2/account").status()).isEqualTo(503);
    }

    @Test
    void clearFaultsDropsTheUnusedOnes() {
        sandbox.injectFault("500", 5);
        sandbox.clearFaults();
        assertThat(accounts().status()).isEqualTo(200);
    }

    @Test
    void unknownFaultTypeIsRefused() {
        assertThatThrownBy(() -> sandbox.injectFault("teapot", 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
