package io.github.camelfinsify.docs;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The run in text: every block with what was done, the skipped ones with their reasons, the failures in full. */
public final class DocsReport {

    private DocsReport() {
    }

    public static String of(Map<String, List<BlockResult>> results, Duration took) {
        StringBuilder out = new StringBuilder("\n==== Docs test: every code block of ").append(results.keySet())
                .append(String.format(" in %.1f s%n", took.toMillis() / 1000.0));
        List<BlockResult> all = results.values().stream().flatMap(List::stream).toList();
        for (BlockResult.Outcome outcome : BlockResult.Outcome.values()) {
            out.append(String.format("  %-9s %d%n", outcome, all.stream().filter(r -> r.outcome() == outcome).count()));
        }
        out.append("\n");
        all.forEach(r -> out.append("  ").append(r.summaryLine()).append('\n'));
        List<BlockResult> skipped = all.stream().filter(r -> r.outcome() == BlockResult.Outcome.SKIPPED).toList();
        if (!skipped.isEmpty()) {
            out.append("\nSkipped (marked not-runnable), with their reasons:\n");
            skipped.forEach(r -> out.append("  ").append(r.block().location()).append(": ").append(r.detail())
                    .append('\n'));
        }
        List<BlockResult> failed = all.stream().filter(r -> r.outcome() == BlockResult.Outcome.FAILED).toList();
        if (!failed.isEmpty()) {
            out.append("\nFAILED:\n");
            failed.forEach(r -> out.append("  ").append(r.detail().replace("\n", "\n  ")).append("\n\n"));
        }
        return out.toString();
    }
}
