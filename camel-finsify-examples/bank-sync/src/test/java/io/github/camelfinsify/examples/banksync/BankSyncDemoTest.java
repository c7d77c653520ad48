package io.github.camelfinsify.examples.banksync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import io.github.camelfinsify.sandbox.FinsifySandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo end to end, Java DSL routes, as the README's command runs it (minus Maven). */
class BankSyncDemoTest {

    @TempDir
    Path dir;

    @Test
    void demoLeavesExactlyTheSandboxTransactionsInTheDatabase() throws Exception {
        DemoRun run = new DemoRun(dir, false);
        BankSyncReport report;
        FinsifySandbox sandbox;
        try (BankSync demo = new BankSync(run.options)) {
            report = demo.run();
            sandbox = demo.sandbox();
        }
        assertThat(sandbox).isNotNull();
        assertThat(run.output()).contains("Java DSL routes");
        run.assertDatabaseMatchesSandbox(report, sandbox);
    }
}
