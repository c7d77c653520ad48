package io.github.camelfinsify.docs;

import java.util.Optional;

/**
 * One fenced code block of a Markdown page.
 *
 * @param doc       the page, relative to the repository root (e.g. {@code docs/getting-started.md})
 * @param line      1-based line of the opening fence
 * @param info      the fence's info string ({@code sh}, {@code java}, ...), empty when the block has none
 * @param content   the block's text, the fence's indentation removed, ending with a newline
 * @param marker    the HTML comment on the line right before the fence, if it is one the runner knows
 */
public record DocBlock(String doc, int line, String info, String content, Marker marker) {

    /** The line right before a fence may say how to treat the block. */
    public sealed interface Marker {
    }

    /** {@code <!-- not-runnable: reason -->}: the runner lists the block and its reason and does not run it. */
    public record NotRunnable(String reason) implements Marker {
    }

    /** {@code <!-- file: path -->}: the block is a file of the reader's project, written where the page's shell is. */
    public record ProjectFile(String path) implements Marker {
    }

    /** No marker. */
    public record None() implements Marker {
    }

    public Optional<BlockKind> kind() {
        String word = info.isBlank() ? "" : info.strip().split("\\s+")[0];
        return word.isEmpty() ? Optional.empty() : BlockKind.of(word);
    }

    public String location() {
        return doc + ":" + line;
    }

    /** The doc line of the block's n-th content line (1-based). */
    public int lineOfContentLine(int n) {
        return line + n;
    }
}
