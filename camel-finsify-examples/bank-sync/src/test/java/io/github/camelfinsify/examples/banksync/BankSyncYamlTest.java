package io.github.camelfinsify.examples.banksync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import io.github.camelfinsify.sandbox.FinsifySandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same demo on the YAML DSL routes (routes/yaml/*.camel.yaml), against the sandbox. */
class BankSyncYamlTest {

    @TempDir
    Path dir;

    @Test
    void yamlRoutesLeaveExactlyTheSandboxTransactionsInTheDatabase() throws Exception {
        DemoRun run = new DemoRun(dir, true);
        BankSyncReport report;
        FinsifySandbox sandbox;
        try (BankSync demo = new BankSync(run.options)) {
            report = demo.run();
            sandbox = demo.sandbox();
        }
        assertThat(run.output()).contains("YAML DSL routes");
        run.assertDatabaseMatchesSandbox(report, sandbox);
    }
}
