package io.github.camelfinsify.docs;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Compiles a Java block with the JDK's compiler against the class path of this test. */
public final class SnippetCompiler {

    private final Path outputRoot;
    private final String classPath = System.getProperty("java.class.path");

    public SnippetCompiler(Path outputRoot) {
        this.outputRoot = outputRoot;
    }

    /** Thrown with the compiler's messages, each pointing at the doc line it is about. */
    public static final class CompilationFailed extends Exception {
        public CompilationFailed(String message) {
            super(message);
        }
    }

    /** Where {@link #compile} puts the classes of the snippet {@code id}. */
    public Path classesDirectory(String id) {
        return outputRoot.resolve(id).resolve("classes");
    }

    public ClassLoader compile(DocBlock block, JavaSnippet snippet, String id) throws IOException, CompilationFailed {
        Path dir = Files.createDirectories(outputRoot.resolve(id));
        Path sources = Files.createDirectories(dir.resolve("src"));
        Path classes = Files.createDirectories(classesDirectory(id));
        Path file = sources.resolve(snippet.className().replace('.', '/') + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, snippet.source());

        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            StringWriter out = new StringWriter();
            boolean ok = compiler.getTask(out, files, diagnostics,
                    List.of("-classpath", classPath, "-d", classes.toString(), "-proc:none", "-parameters",
                            "-nowarn", "--release", "17"),
                    null, files.getJavaFileObjects(file)).call();
            if (!ok) {
                List<String> lines = Files.readAllLines(file);
                throw new CompilationFailed(diagnostics.getDiagnostics().stream()
                        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                        .map(d -> describe(block, lines, d))
                        .collect(Collectors.joining("\n")) + out);
            }
        }
        try {
            return new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader());
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The compiler's message at the doc line whose text the generated line holds. */
    private static String describe(DocBlock block, List<String> generated, Diagnostic<?> d) {
        int line = (int) d.getLineNumber();
        String text = line > 0 && line <= generated.size() ? generated.get(line - 1).strip() : "";
        List<String> content = block.content().lines().toList();
        int docLine = block.line();
        for (int i = 0; i < content.size(); i++) {
            if (!text.isEmpty() && content.get(i).strip().equals(text)) {
                docLine = block.lineOfContentLine(i + 1);
                break;
            }
        }
        return block.doc() + ":" + docLine + ": does not compile: " + d.getMessage(Locale.ROOT)
               + (text.isEmpty() ? "" : "\n    " + text);
    }
}
