package io.github.camelfinsify.examples.banksync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.camelfinsify.sandbox.FinsifySandbox;
import io.github.camelfinsify.sandbox.SandboxTransaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --follow}: after the summary the demo keeps applying webhooks until it is stopped. */
class BankSyncFollowTest {

    @TempDir
    Path dir;

    @Test
    void followKeepsApplyingWebhooksUntilStopped() throws Exception {
        DemoRun run = new DemoRun(dir, false);
        BankSync demo = new BankSync(run.options.withFollow(true));
        CompletableFuture<BankSyncReport> finished = run.follow(demo);
        try {
            assertThat(finished).isNotDone();
            FinsifySandbox sandbox = demo.sandbox();
            long accountId = demo.accounts().get(0).id();

            List<SandboxTransaction> added = sandbox.addTransactions(accountId, 2);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(run.database().keySet())
                    .containsAll(added.stream().map(SandboxTransaction::id).toList()));
            assertThat(demo.webhookStats().events()).isEqualTo(5);
        } finally {
            demo.close();
        }
        BankSyncReport report = finished.get(30, TimeUnit.SECONDS);
        assertThat(report.webhookEvents()).isEqualTo(4); // the summary was printed before following
        assertThat(run.database()).isEqualTo(DemoRun.sandboxTruth(demo.sandbox(), report.accounts()));
    }
}
