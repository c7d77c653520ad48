package io.github.camelfinsify.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The docs test's runner over small fixture pages: what it runs, what it reports, and that it fails when it should. */
class DocsRunnerTest {

    @TempDir
    static Path root;

    private static DocsRunner runner;

    @BeforeAll
    static void fixtureRepository() throws IOException {
        Files.writeString(root.resolve("pom.xml"), """
                <project><modelVersion>4.0.0</modelVersion><groupId>io.github.camelfinsify</groupId>
                  <artifactId>fixture-parent</artifactId><version>1.0</version></project>
                """);
        Files.createDirectories(root.resolve("docs"));
        for (String page : List.of("broken-command.md", "shared-shell.md", "markers.md", "java-blocks.md")) {
            try (InputStream in = DocsRunnerTest.class.getResourceAsStream("/fixtures/" + page)) {
                Files.copy(in, root.resolve("docs").resolve(page));
            }
        }
        Path work = Files.createDirectories(root.getParent().resolve(root.getFileName() + "-work"));
        runner = new DocsRunner(root, work, Files.createDirectories(work.resolve("outer-m2")));
    }

    @AfterAll
    static void stopRunner() {
        runner.close();
    }

    @Test
    void aBrokenCommandFailsItsBlockNamingTheDocAndTheLineOfTheCommand() throws IOException {
        List<BlockResult> results = runner.runPage("docs/broken-command.md");

        assertThat(results).extracting(BlockResult::outcome).containsExactly(
                BlockResult.Outcome.PASSED, BlockResult.Outcome.FAILED, BlockResult.Outcome.FAILED);
        assertThat(results.get(1).detail())
                .startsWith("docs/broken-command.md:9: ls /no/such/directory/anywhere (exit 2)")
                .contains("so does this line")
                .contains("No such file or directory")
                .doesNotContain("never printed");
        assertThat(results.get(2).detail()).contains("the shell of this page ended at an earlier block");
        assertThat(DocsReport.of(Map.of("docs/broken-command.md", results), Duration.ofSeconds(1)))
                .contains("FAILED:")
                .contains("docs/broken-command.md:9: ls /no/such/directory/anywhere");
    }

    @Test
    void shellBlocksOfAPageShareVariablesAndTheDirectoryAndItsProcessesEndWithThePage() throws IOException {
        List<BlockResult> results = runner.runPage("docs/shared-shell.md");

        assertThat(results).extracting(BlockResult::outcome)
                .containsExactly(BlockResult.Outcome.PASSED, BlockResult.Outcome.PASSED);
        long sleeper = Long.parseLong(Files.readString(runner.tree().tree().resolve("sleeper.pid")).strip());
        await("the page's background process ended").atMost(Duration.ofSeconds(20))
                .until(() -> ProcessHandle.of(sleeper).map(p -> !p.isAlive()).orElse(true));
    }

    @Test
    void blocksAreSkippedOnlyWithAReasonAndEveryBlockNeedsAKind() throws IOException {
        List<BlockResult> results = runner.runPage("docs/markers.md");

        assertThat(results).extracting(BlockResult::outcome).containsExactly(BlockResult.Outcome.SKIPPED,
                BlockResult.Outcome.FAILED, BlockResult.Outcome.NOT_CODE, BlockResult.Outcome.FAILED);
        assertThat(results.get(0).detail()).isEqualTo("needs something this machine does not have");
        assertThat(results.get(1).detail()).startsWith("docs/markers.md:8: a code block needs a kind");
        assertThat(results.get(3).detail()).contains("project file project/hello.txt is never used");
        assertThat(DocsReport.of(Map.of("docs/markers.md", results), Duration.ofSeconds(1)))
                .contains("Skipped (marked not-runnable), with their reasons:\n"
                          + "  docs/markers.md:4: needs something this machine does not have");
    }

    @Test
    void javaRoutesRunInCamelMainAndFailWhenAnExchangeFailsOrTheyDoNotCompile() throws IOException {
        List<BlockResult> results = runner.runPage("docs/java-blocks.md");

        assertThat(results).extracting(BlockResult::outcome).containsExactly(
                BlockResult.Outcome.PASSED, BlockResult.Outcome.FAILED, BlockResult.Outcome.FAILED);
        assertThat(results.get(0).detail()).contains("route once completed an exchange");
        assertThat(results.get(1).detail()).startsWith("docs/java-blocks.md:8: an exchange failed")
                .contains("IllegalStateException: the route broke");
        assertThat(results.get(2).detail()).startsWith("docs/java-blocks.md:15: does not compile")
                .contains("noSuchMethod");
    }
}
