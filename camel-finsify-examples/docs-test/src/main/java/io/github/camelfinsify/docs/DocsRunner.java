package io.github.camelfinsify.docs;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.github.camelfinsify.sandbox.FinsifySandbox;
import io.github.camelfinsify.sandbox.SandboxLogin;
import org.apache.camel.RoutesBuilder;
import org.h2.tools.RunScript;

/**
 * Runs the blocks of Markdown pages, in order, each page on its own: see this module's README for what each kind of
 * block means. A page's shell blocks share one {@link ShellSession} in the {@link ScratchTree}; its Java, YAML and
 * properties blocks run in Camel Main in this JVM against a {@link PageContext}.
 */
public final class DocsRunner implements AutoCloseable {

    public static final Duration SHELL_BLOCK_TIMEOUT = Duration.ofMinutes(5);

    private final Path repositoryRoot;
    private final Path workDir;
    private final ScratchTree tree;
    private final KameletCatalog catalog;
    private final FinsifySandbox sandbox;
    private final SandboxLogin login;
    private final SnippetCompiler compiler;
    private final DependencyCheck dependencies;

    public DocsRunner(Path repositoryRoot, Path workDir, Path outerLocalRepository) throws IOException {
        this.repositoryRoot = repositoryRoot.toRealPath();
        this.workDir = workDir;
        for (String previousRun : List.of("logs", "shell", "java", "yaml", "properties")) {
            ScratchTree.delete(workDir.resolve(previousRun));
        }
        this.tree = new ScratchTree(repositoryRoot, workDir, outerLocalRepository);
        Path kamelets = this.repositoryRoot.resolve("camel-finsify-examples/kamelets/src/main/resources/kamelets");
        this.catalog = Files.isDirectory(kamelets) ? KameletCatalog.load(kamelets)
                : KameletCatalog.load(Files.createDirectories(workDir.resolve("no-kamelets")));
        this.compiler = new SnippetCompiler(workDir.resolve("java"));
        this.dependencies = new DependencyCheck(this.repositoryRoot);
        this.sandbox = FinsifySandbox.builder().port(0).build().start();
        this.login = sandbox.connectLogin("user_good");
    }

    public ScratchTree tree() {
        return tree;
    }

    /** Runs every block of a page (a path relative to the repository root) and says what each did. */
    public List<BlockResult> runPage(String doc) throws IOException {
        List<DocBlock> blocks = MarkdownBlocks.parse(doc, Files.readString(repositoryRoot.resolve(doc)));
        tree.resetForPage();
        PageContext context = new PageContext(sandbox, login, doc);
        CamelKResources kubernetes = new CamelKResources(catalog);
        List<BlockResult> results = new ArrayList<>();
        ShellSession shell = null;
        try {
            for (int i = 0; i < blocks.size(); i++) {
                DocBlock block = blocks.get(i);
                long start = System.nanoTime();
                BlockResult result;
                try {
                    if (block.marker() instanceof DocBlock.NotRunnable notRunnable) {
                        result = new BlockResult(block, BlockResult.Outcome.SKIPPED, notRunnable.reason(), Duration.ZERO);
                    } else if (block.kind().isEmpty()) {
                        result = BlockResult.failed(block, block.location() + ": a code block needs a kind as the first"
                                + " word after the fence (" + BlockKind.allNames() + "), or a not-runnable marker;"
                                + " found '" + block.info() + "'", took(start));
                    } else if (block.marker() instanceof DocBlock.ProjectFile file) {
                        result = writeProjectFile(block, file, shell, blocks.subList(i + 1, blocks.size()), start);
                    } else {
                        if (block.kind().get() == BlockKind.SHELL && shell == null) {
                            shell = startShell(doc);
                        }
                        result = run(block, block.kind().get(), shell, context, kubernetes, start);
                    }
                } catch (SnippetCompiler.CompilationFailed e) {
                    // its messages name the doc lines already
                    result = BlockResult.failed(block, e.getMessage(), took(start));
                } catch (Exception e) {
                    result = BlockResult.failed(block, block.location() + ": " + describe(e), took(start));
                }
                results.add(result);
            }
        } finally {
            if (shell != null) {
                shell.close();
            }
        }
        return results;
    }

    private BlockResult run(DocBlock block, BlockKind kind, ShellSession shell, PageContext context,
                            CamelKResources kubernetes, long start) throws Exception {
        return switch (kind) {
            case SHELL -> runShell(block, shell, start);
            case JAVA -> BlockResult.passed(block, runJava(block, context), took(start));
            case YAML -> BlockResult.passed(block, runYaml(block, context, kubernetes), took(start));
            case XML -> BlockResult.passed(block, dependencies.check(block), took(start));
            case PROPERTIES -> BlockResult.passed(block, runProperties(block, context), took(start));
            case SQL -> BlockResult.passed(block, runSql(block, context), took(start));
            case TEXT -> new BlockResult(block, BlockResult.Outcome.NOT_CODE, "text, not run", took(start));
        };
    }

    private ShellSession startShell(String doc) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        for (String name : List.of("PATH", "LANG", "LC_ALL", "TZ", "USER", "LOGNAME", "TERM",
                "http_proxy", "https_proxy", "no_proxy", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY")) {
            Optional.ofNullable(System.getenv(name)).ifPresent(v -> env.put(name, v));
        }
        String javaHome = System.getProperty("java.home");
        env.put("JAVA_HOME", javaHome);
        env.put("PATH", javaHome + "/bin:" + env.getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("HOME", tree.home().toString());
        // the nested builds install into the scratch repository, never into the shared one; short-lived JVMs on 2
        // cores: C1 alone spends less than half the CPU time of the default tiered JIT on a build
        env.put("MAVEN_OPTS", "-Dmaven.repo.local=" + tree.localRepository() + " -XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        String name = doc.replaceAll("\\W", "_");
        return new ShellSession(tree.tree(), env, workDir.resolve("shell").resolve(name),
                workDir.resolve("logs").resolve(name + ".log"));
    }

    private BlockResult runShell(DocBlock block, ShellSession shell, long start) throws Exception {
        ShellSession.Outcome outcome = shell.run(block.doc().replaceAll("\\W", "_") + "-" + block.line(),
                block.content(), SHELL_BLOCK_TIMEOUT);
        long commands = block.content().lines().filter(l -> !l.isBlank() && !l.strip().startsWith("#")).count();
        if (outcome.succeeded()) {
            return BlockResult.passed(block, "ran " + commands + " line(s) in the page's shell", took(start));
        }
        String where = outcome.failedLine() > 0 ? block.doc() + ":" + block.lineOfContentLine(outcome.failedLine())
                : block.location();
        return BlockResult.failed(block, where + ": " + outcome.failure() + "\n" + tail(outcome.output(), 40)
                + logsOf(outcome.currentDirectory()), took(start));
    }

    /** The ends of the log files the page's commands wrote where the shell is: what background servers said. */
    private static String logsOf(Path dir) throws IOException {
        StringBuilder out = new StringBuilder();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path log : files.filter(f -> f.getFileName().toString().endsWith(".log")).sorted().toList()) {
                out.append("\n    --- ").append(log.getFileName()).append(", last lines:\n")
                        .append(tail(Files.readString(log), 15));
            }
        }
        return out.toString();
    }

    private BlockResult writeProjectFile(DocBlock block, DocBlock.ProjectFile file, ShellSession shell,
                                         List<DocBlock> rest, long start) throws IOException {
        if (rest.stream().noneMatch(b -> b.kind().orElse(null) == BlockKind.SHELL
                                         && !(b.marker() instanceof DocBlock.NotRunnable))) {
            return BlockResult.failed(block, block.location() + ": project file " + file.path()
                    + " is never used: no shell block of the page comes after it", took(start));
        }
        Path dir = shell == null ? tree.tree() : shell.currentDirectory();
        Path target = dir.resolve(file.path());
        Files.createDirectories(target.getParent());
        Files.writeString(target, block.content());
        return new BlockResult(block, BlockResult.Outcome.NOT_CODE, "project file, written to "
                + tree.tree().getParent().relativize(target) + " for the page's shell", took(start));
    }

    private String runJava(DocBlock block, PageContext context) throws Exception {
        String id = block.doc().replaceAll("\\W", "_") + "_" + block.line();
        JavaSnippet snippet = JavaSnippet.of(block.content(), "DocSnippet_" + id);
        ClassLoader loader = compiler.compile(block, snippet, id);
        Class<?> type = loader.loadClass(snippet.className());
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(loader);
        try {
            return switch (snippet.shape()) {
                case ROUTES -> {
                    RoutesBuilder routes = (RoutesBuilder) type.getDeclaredConstructor().newInstance();
                    yield "compiled; " + CamelRun.run(context, new CamelRun.Setup(
                            main -> main.configure().addRoutesBuilder(routes), true, needsHttp(block), null));
                }
                case TEST -> "compiled; " + JUnitRun.run(type);
                case TYPES -> "compiled";
            };
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    private String runYaml(DocBlock block, PageContext context, CamelKResources kubernetes) throws Exception {
        List<JsonNode> documents;
        try (MappingIterator<JsonNode> values = new YAMLMapper().readerFor(JsonNode.class).readValues(block.content())) {
            documents = values.readAll();
        }
        if (!documents.isEmpty() && documents.get(0).has("apiVersion")) {
            List<String> what = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            for (JsonNode document : documents) {
                problems.addAll(kubernetes.check(document, what));
            }
            if (!problems.isEmpty()) {
                throw new IllegalStateException(String.join("\n", problems));
            }
            return "checked " + String.join(", ", what) + " against the Camel K schema";
        }
        Path file = workDir.resolve("yaml").resolve(block.doc().replaceAll("\\W", "_") + "_" + block.line()
                                                    + ".camel.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, block.content());
        return CamelRun.run(context, new CamelRun.Setup(
                main -> main.addInitialProperty("camel.main.routes-include-pattern", "file:" + file),
                true, needsHttp(block), null));
    }

    private String runProperties(DocBlock block, PageContext context) throws Exception {
        Path file = workDir.resolve("properties").resolve(block.doc().replaceAll("\\W", "_") + "_" + block.line())
                .resolve("application.properties");
        Files.createDirectories(file.getParent());
        Files.writeString(file, block.content());
        return "loaded by Camel Main as application.properties; "
               + CamelRun.run(context, new CamelRun.Setup(main -> { }, false, false, "file:" + file));
    }

    private static String runSql(DocBlock block, PageContext context) throws Exception {
        try (Connection connection = context.dataSource().getConnection()) {
            RunScript.execute(connection, new StringReader(block.content()));
        }
        return "ran on the page's H2 database";
    }

    private static boolean needsHttp(DocBlock block) {
        String code = block.content();
        return code.contains("finsify:webhook") || code.contains("finsify:connect") || code.contains("platform-http:");
    }

    private static Duration took(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static String describe(Throwable e) {
        StringBuilder out = new StringBuilder(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        Throwable cause = e.getCause();
        while (cause != null && cause != e) {
            if (cause.getMessage() != null && !out.toString().contains(cause.getMessage())) {
                out.append("\n    caused by ").append(cause.getClass().getSimpleName()).append(": ")
                        .append(cause.getMessage());
            }
            e = cause;
            cause = cause.getCause();
        }
        return out.toString();
    }

    private static String tail(String output, int lines) {
        List<String> all = output.lines().toList();
        List<String> last = all.subList(Math.max(0, all.size() - lines), all.size());
        return last.stream().map(l -> "    | " + l).reduce((a, b) -> a + "\n" + b).orElse("    | (no output)");
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
