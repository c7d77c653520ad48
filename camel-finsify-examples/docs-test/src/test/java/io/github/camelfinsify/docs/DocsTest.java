package io.github.camelfinsify.docs;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.TestFactory;

/**
 * Every code block of README.md and docs/*.md, run as this module's README describes; a block that fails fails the
 * build, naming the doc and line. {@code -Ddocs.pages=docs/a.md,docs/b.md} runs only those pages.
 */
class DocsTest {

    private static final Path ROOT = Path.of(System.getProperty("docs.repository.root", "../.."));
    private static final Path WORK = Path.of(System.getProperty("docs.work.dir", "target/docs-test"));
    private static final Path OUTER_REPOSITORY = Path.of(System.getProperty("docs.local.repository",
            System.getProperty("user.home") + "/.m2/repository"));

    @TestFactory
    Stream<DynamicContainer> everyBlockOfTheReadmeAndTheDocsRunsAsDocumented() throws Exception {
        Map<String, List<BlockResult>> results = new LinkedHashMap<>();
        long start = System.nanoTime();
        try (DocsRunner runner = new DocsRunner(ROOT, WORK, OUTER_REPOSITORY)) {
            for (String page : pages()) {
                results.put(page, runner.runPage(page));
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        String report = DocsReport.of(results, took);
        Files.writeString(Files.createDirectories(WORK).resolve("report.txt"), report);
        System.out.println(report);
        return results.entrySet().stream().map(page -> dynamicContainer(page.getKey(), page.getValue().stream()
                .map(result -> dynamicTest(result.block().location() + " " + result.block().info(), () -> {
                    if (result.outcome() == BlockResult.Outcome.FAILED) {
                        fail(result.detail());
                    }
                }))));
    }

    private static List<String> pages() throws IOException {
        String selected = System.getProperty("docs.pages", "");
        if (!selected.isBlank()) {
            return List.of(selected.split(","));
        }
        List<String> pages = new ArrayList<>();
        pages.add("README.md");
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.map(p -> "docs/" + p.getFileName()).filter(p -> p.endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }
}
