package io.github.camelfinsify.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the fenced code blocks of a Markdown page, with the marker comment right before each. */
public final class MarkdownBlocks {

    private static final Pattern FENCE = Pattern.compile("^( *)(`{3,}|~{3,})(.*)$");
    private static final Pattern MARKER = Pattern.compile("^\\s*<!--\\s*(not-runnable|file)\\s*:\\s*(.*?)\\s*-->\\s*$");

    private MarkdownBlocks() {
    }

    public static List<DocBlock> parse(String doc, String markdown) {
        String[] lines = markdown.split("\n", -1);
        List<DocBlock> blocks = new ArrayList<>();
        int i = 0;
        while (i < lines.length) {
            Matcher open = FENCE.matcher(lines[i]);
            if (!open.matches()) {
                i++;
                continue;
            }
            int indent = open.group(1).length();
            String fence = open.group(2);
            String info = open.group(3).strip();
            DocBlock.Marker marker = i > 0 ? marker(lines[i - 1], doc, i) : new DocBlock.None();
            StringBuilder content = new StringBuilder();
            int j = i + 1;
            while (j < lines.length && !isClosing(lines[j], fence)) {
                content.append(unindent(lines[j], indent)).append('\n');
                j++;
            }
            if (j == lines.length) {
                throw new IllegalArgumentException(doc + ":" + (i + 1) + ": code block is never closed");
            }
            blocks.add(new DocBlock(doc, i + 1, info, content.toString(), marker));
            i = j + 1;
        }
        return blocks;
    }

    private static DocBlock.Marker marker(String line, String doc, int lineNumber) {
        Matcher m = MARKER.matcher(line);
        if (!m.matches()) {
            return new DocBlock.None();
        }
        String value = m.group(2);
        if (value.isEmpty()) {
            throw new IllegalArgumentException(doc + ":" + lineNumber + ": the " + m.group(1) + " marker needs a value");
        }
        return m.group(1).equals("file") ? new DocBlock.ProjectFile(value) : new DocBlock.NotRunnable(value);
    }

    private static boolean isClosing(String line, String fence) {
        String stripped = line.strip();
        return stripped.startsWith(fence) && stripped.chars().allMatch(c -> c == fence.charAt(0));
    }

    private static String unindent(String line, int indent) {
        int n = 0;
        while (n < indent && n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return line.substring(n);
    }
}
