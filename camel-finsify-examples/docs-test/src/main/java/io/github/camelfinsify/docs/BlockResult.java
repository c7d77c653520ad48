package io.github.camelfinsify.docs;

import java.time.Duration;

/**
 * What the runner did with one block.
 *
 * @param block   the block
 * @param outcome what happened
 * @param detail  for a pass, what was done ("ran 3 commands", "route balances completed an exchange"); for a
 *                failure, what failed and where; for a skip, the marker's reason
 * @param took    how long it took
 */
public record BlockResult(DocBlock block, Outcome outcome, String detail, Duration took) {

    public enum Outcome {
        /** Ran (or was checked) and held. */
        PASSED,
        /** Failed: {@link #detail()} says what and where. */
        FAILED,
        /** Marked {@code not-runnable}: not run, listed with its reason. */
        SKIPPED,
        /** A {@code text} block (output, plain text) or a project file written for the page's shell. */
        NOT_CODE
    }

    public static BlockResult passed(DocBlock block, String detail, Duration took) {
        return new BlockResult(block, Outcome.PASSED, detail, took);
    }

    public static BlockResult failed(DocBlock block, String detail, Duration took) {
        return new BlockResult(block, Outcome.FAILED, detail, took);
    }

    public String summaryLine() {
        String kind = block.info().isBlank() ? "(none)" : block.info().split("\\s+")[0];
        return String.format("%-8s %-34s %-10s %6.1fs  %s", outcome, block.location(), kind,
                took.toMillis() / 1000.0, firstLine(detail));
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
