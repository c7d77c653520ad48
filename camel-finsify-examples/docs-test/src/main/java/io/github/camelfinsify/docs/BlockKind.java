package io.github.camelfinsify.docs;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What the first word of a fenced block's info string says the block is, and so how the runner treats it. */
public enum BlockKind {

    SHELL("sh", "bash", "shell"),
    JAVA("java"),
    YAML("yaml", "yml"),
    XML("xml"),
    PROPERTIES("properties"),
    SQL("sql"),
    /** Output or plain text shown to the reader: nothing to run. */
    TEXT("text");

    private final List<String> names;

    BlockKind(String... names) {
        this.names = List.of(names);
    }

    public static Optional<BlockKind> of(String infoWord) {
        String word = infoWord.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(kind -> kind.names.contains(word)).findFirst();
    }

    public static String allNames() {
        return Arrays.stream(values()).flatMap(kind -> kind.names.stream()).reduce((a, b) -> a + ", " + b).orElseThrow();
    }
}
