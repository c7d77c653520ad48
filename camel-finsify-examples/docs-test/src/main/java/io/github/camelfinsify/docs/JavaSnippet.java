package io.github.camelfinsify.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A Java block turned into a compilation unit.
 * <p>
 * A block that declares a type (a {@code class}, ...) is compiled as it is. Any other block is a fragment: its
 * top-level pieces are split into members (annotated or modified declarations, methods) and statements; the members
 * go into the body of a {@code RouteBuilder}, the statements into its {@code configure()}, where {@code context} is
 * the {@code CamelContext}. A fragment whose members include a {@code @Test} method becomes a test class instead.
 * Every unit gets the imports of {@link #IMPORTS}, so a snippet needs to show only the imports of other packages.
 */
public final class JavaSnippet {

    /** The packages a reader of these docs has imported anyway. */
    public static final List<String> IMPORTS = List.of(
            "io.github.camelfinsify.*", "io.github.camelfinsify.model.*", "io.github.camelfinsify.client.*",
            "io.github.camelfinsify.sandbox.*",
            "org.apache.camel.*", "org.apache.camel.builder.*", "org.apache.camel.spi.*",
            "org.apache.camel.support.jsse.*", "org.apache.camel.processor.idempotent.jdbc.*",
            "org.apache.camel.support.processor.state.*",
            "org.junit.jupiter.api.*", "org.junit.jupiter.api.extension.*",
            "javax.sql.*", "java.time.*", "java.util.*",
            // single-type imports win over the on-demand ones where two packages share a name
            "java.time.Clock", "org.junit.jupiter.api.Test");

    private static final Pattern TYPE_DECLARATION = Pattern.compile(
            "^(?:(?:public|protected|private|abstract|static|final|sealed|non-sealed|strictfp)\\s+)*"
            + "(?:class|interface|enum|record|@interface)\\s+\\w+.*", Pattern.DOTALL);
    private static final Pattern METHOD = Pattern.compile(
            "^(?:<[^>]*>\\s*)?[\\w.<>\\[\\], ?]+\\s+\\w+\\s*\\([^;{]*\\)\\s*(?:throws [\\w., ]+)?\\s*\\{.*", Pattern.DOTALL);
    private static final Set<String> MODIFIERS = Set.of("public", "protected", "private", "static", "final",
            "abstract", "synchronized", "default", "transient", "volatile");

    /** What the snippet is once compiled. */
    public enum Shape {
        /** A RouteBuilder: its routes and beans run in Camel Main. */
        ROUTES,
        /** A JUnit 5 test class: run with the JUnit platform. */
        TEST,
        /** Other type declarations: compiled only. */
        TYPES
    }

    private final String className;
    private final String source;
    private final Shape shape;

    private JavaSnippet(String className, String source, Shape shape) {
        this.className = className;
        this.source = source;
        this.shape = shape;
    }

    public static JavaSnippet of(String code, String generatedName) {
        List<String> chunks = chunks(code);
        if (chunks.stream().anyMatch(c -> TYPE_DECLARATION.matcher(stripAnnotations(c)).matches())) {
            return compilationUnit(code, chunks);
        }
        StringBuilder members = new StringBuilder();
        StringBuilder statements = new StringBuilder();
        boolean test = false;
        for (String chunk : chunks) {
            if (isMember(chunk)) {
                members.append(indent(chunk)).append("\n\n");
                test |= chunk.contains("@Test");
            } else {
                statements.append(indent(indent(chunk))).append('\n');
            }
        }
        if (test) {
            if (!statements.isEmpty()) {
                throw new IllegalArgumentException("a test fragment holds only members; found statements:\n"
                                                   + statements);
            }
            return new JavaSnippet(generatedName, imports() + "public class " + generatedName + " {\n\n"
                    + members + "}\n", Shape.TEST);
        }
        return new JavaSnippet(generatedName, imports() + "public class " + generatedName + " extends RouteBuilder {\n\n"
                + members
                + "    @Override\n    public void configure() throws Exception {\n"
                + "        CamelContext context = getContext();\n"
                + statements + "    }\n}\n", Shape.ROUTES);
    }

    private static JavaSnippet compilationUnit(String code, List<String> chunks) {
        String main = chunks.stream().map(JavaSnippet::stripAnnotations)
                .filter(c -> TYPE_DECLARATION.matcher(c).matches())
                .filter(c -> !c.matches("(?s).*\\bprivate\\s+(class|interface|enum|record)\\b.*"))
                .findFirst().orElseThrow();
        String name = main.replaceFirst("(?s)^.*?\\b(?:class|interface|enum|record|@interface)\\s+(\\w+).*", "$1");
        String packageName = code.lines().map(String::strip).filter(l -> l.startsWith("package "))
                .map(l -> l.substring(8, l.indexOf(';')).strip()).findFirst().orElse("");
        String body = packageName.isEmpty() ? imports() + code
                : code.replaceFirst("(?m)^(package [^;]+;)", "$1\n" + imports().replace("$", "\\$"));
        Shape shape = code.contains("extends RouteBuilder") ? Shape.ROUTES
                : code.contains("@Test") ? Shape.TEST : Shape.TYPES;
        return new JavaSnippet(packageName.isEmpty() ? name : packageName + "." + name, body, shape);
    }

    public String className() {
        return className;
    }

    public String source() {
        return source;
    }

    public Shape shape() {
        return shape;
    }

    private static String imports() {
        StringBuilder out = new StringBuilder();
        IMPORTS.forEach(i -> out.append("import ").append(i).append(";\n"));
        return out.append('\n').toString();
    }

    private static boolean isMember(String chunk) {
        String first = stripComments(chunk);
        if (first.startsWith("@")) {
            return true;
        }
        String word = first.split("[\\s(<]", 2)[0];
        if (MODIFIERS.contains(word)) {
            return true;
        }
        return METHOD.matcher(first).matches() && !first.startsWith("return ") && !first.startsWith("new ");
    }

    private static String stripAnnotations(String chunk) {
        String s = stripComments(chunk);
        while (s.startsWith("@")) {
            int i = 1;
            while (i < s.length() && (Character.isJavaIdentifierPart(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            if (i < s.length() && s.charAt(i) == '(') {
                i = closing(s, i, '(', ')') + 1;
            }
            s = s.substring(i).strip();
        }
        return s;
    }

    private static int closing(String s, int open, char o, char c) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            if (s.charAt(i) == o) {
                depth++;
            } else if (s.charAt(i) == c && --depth == 0) {
                return i;
            }
        }
        return s.length() - 1;
    }

    private static String indent(String chunk) {
        return chunk.lines().map(l -> l.isBlank() ? "" : "    " + l).reduce((a, b) -> a + "\n" + b).orElse("");
    }

    /**
     * The top-level pieces of a fragment: each ends with a {@code ;} or with the {@code }} of a block at depth 0
     * (unless {@code catch}, {@code finally}, {@code else} ... continues it). Strings, chars and comments are skipped.
     */
    static List<String> chunks(String code) {
        List<String> chunks = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int depth = 0;
        int i = 0;
        while (i < code.length()) {
            char ch = code.charAt(i);
            int skip = skipLiteralOrComment(code, i);
            if (skip > i) {
                current.append(code, i, skip);
                i = skip;
                continue;
            }
            current.append(ch);
            i++;
            if (ch == '(' || ch == '{' || ch == '[') {
                depth++;
            } else if (ch == ')' || ch == '}' || ch == ']') {
                depth--;
                if (ch == '}' && depth == 0 && !continues(code, i)) {
                    add(chunks, current);
                }
            } else if (ch == ';' && depth == 0) {
                add(chunks, current);
            }
        }
        add(chunks, current);
        return chunks;
    }

    private static boolean continues(String code, int from) {
        String rest = code.substring(from).stripLeading();
        return rest.startsWith("catch") || rest.startsWith("finally") || rest.startsWith("else")
               || rest.startsWith("while") || rest.startsWith(".") || rest.startsWith(")") || rest.startsWith(",")
               || rest.startsWith(";");
    }

    private static int skipLiteralOrComment(String code, int i) {
        char ch = code.charAt(i);
        if (ch == '/' && i + 1 < code.length() && code.charAt(i + 1) == '/') {
            int end = code.indexOf('\n', i);
            return end < 0 ? code.length() : end;
        }
        if (ch == '/' && i + 1 < code.length() && code.charAt(i + 1) == '*') {
            int end = code.indexOf("*/", i + 2);
            return end < 0 ? code.length() : end + 2;
        }
        if (code.startsWith("\"\"\"", i)) {
            int end = code.indexOf("\"\"\"", i + 3);
            return end < 0 ? code.length() : end + 3;
        }
        if (ch == '"' || ch == '\'') {
            int j = i + 1;
            while (j < code.length() && code.charAt(j) != ch) {
                j += code.charAt(j) == '\\' ? 2 : 1;
            }
            return Math.min(j + 1, code.length());
        }
        return i;
    }

    private static void add(List<String> chunks, StringBuilder current) {
        String chunk = current.toString();
        current.setLength(0);
        if (chunk.isBlank()) {
            return;
        }
        if (stripComments(chunk).isEmpty() && !chunks.isEmpty()) {
            // a comment after the last piece belongs to it
            chunks.set(chunks.size() - 1, chunks.get(chunks.size() - 1) + chunk.stripTrailing());
        } else {
            chunks.add(trimBlankLines(chunk));
        }
    }

    /** The chunk without its leading comments and blank lines. */
    static String stripComments(String chunk) {
        String s = chunk.strip();
        while (s.startsWith("//") || s.startsWith("/*")) {
            int end = s.startsWith("//") ? s.indexOf('\n') : s.indexOf("*/") + 1;
            s = end <= 0 ? "" : s.substring(end + 1).strip();
        }
        return s;
    }

    private static String trimBlankLines(String chunk) {
        return chunk.replaceFirst("^\\s*\n", "").stripTrailing();
    }
}
