package io.github.camelfinsify.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.camelfinsify.sandbox.FinsifySandbox;
import io.github.camelfinsify.sandbox.FinsifySandboxExtension;
import io.github.camelfinsify.sandbox.SandboxLogin;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Camel Main prints at INFO with the credentials configured as docs/getting-started.md shows (its project's
 * {@code application.properties} and route, read from the page), and with the variants its table compares: each run
 * is the project's {@code Application} in a JVM of its own, the secrets in real environment variables, the whole
 * output captured.
 */
class DocumentedCredentialsAtInfoTest {

    private static final Path PAGE = Path.of(System.getProperty("docs.repository.root", "../.."))
            .resolve("docs/getting-started.md");

    @RegisterExtension
    static FinsifySandboxExtension sandbox = new FinsifySandboxExtension();

    @TempDir
    Path dir;

    private FinsifySandbox finsify;
    private SandboxLogin login;
    private String properties;
    private String route;
    private String application;

    @BeforeEach
    void readTheDocumentedProject(FinsifySandbox finsify) throws IOException {
        this.finsify = finsify;
        this.login = finsify.connectLogin("user_good");
        List<DocBlock> blocks = MarkdownBlocks.parse("docs/getting-started.md", Files.readString(PAGE));
        properties = projectFile(blocks, "src/main/resources/application.properties");
        route = projectFile(blocks, "src/main/java/com/example/BalancesRoute.java");
        application = projectFile(blocks, "src/main/java/com/example/Application.java");
    }

    @Test
    void theDocumentedProjectPrintsNeitherSecretAtInfo() throws Exception {
        String log = run(properties, route);

        assertThat(log).contains("Techcombank current account")
                .contains("serviceSecret = {{env:FINSIFY_SERVICE_SECRET}}")
                .doesNotContain(finsify.serviceSecret())
                .doesNotContain(login.secret());
    }

    @Test
    void aServiceSecretWrittenInApplicationPropertiesIsPrintedInTheSummary() throws Exception {
        String literal = properties.replace("{{env:FINSIFY_SERVICE_SECRET}}", finsify.serviceSecret());

        assertThat(run(literal, route)).contains("Techcombank current account")
                .contains("serviceSecret = " + finsify.serviceSecret());
    }

    @Test
    void aLoginSecretPropertyOfTheApplicationIsPrintedResolvedInThePlaceholdersSummary() throws Exception {
        String withProperty = properties + "finsify.login-secret = {{env:FINSIFY_LOGIN_SECRET}}\n";
        String routeOfTheProperty = route.replace("{{env:FINSIFY_LOGIN_SECRET}}", "{{finsify.login-secret}}");

        assertThat(run(withProperty, routeOfTheProperty)).contains("Techcombank current account")
                .contains("Property-placeholders summary")
                .contains(login.secret());
    }

    @Test
    void theSummaryOffPrintsNoSecretEvenWrittenInTheFile() throws Exception {
        String literalWithoutSummary = properties.replace("{{env:FINSIFY_SERVICE_SECRET}}", finsify.serviceSecret())
                                       + "finsify.login-secret = {{env:FINSIFY_LOGIN_SECRET}}\n"
                                       + "camel.main.auto-configuration-log-summary = false\n";
        String routeOfTheProperty = route.replace("{{env:FINSIFY_LOGIN_SECRET}}", "{{finsify.login-secret}}");

        assertThat(run(literalWithoutSummary, routeOfTheProperty)).contains("Techcombank current account")
                .doesNotContain(finsify.serviceSecret())
                .doesNotContain(login.secret());
    }

    @Test
    void camelMainReadsNoEnvironmentVariableNamedAfterAComponentOption() throws Exception {
        String withoutBaseUrl = properties.lines().filter(l -> !l.startsWith("camel.component.finsify.base-url"))
                .reduce("", (a, b) -> a + b + "\n");

        String log = run(withoutBaseUrl, route, Map.of("CAMEL_COMPONENT_FINSIFY_BASE_URL", finsify.baseUrl()),
                "-d", "8");

        // the option kept its default, Finsify's own API, where the sandbox's login does not exist
        assertThat(log).contains("Started balances").contains("Failed delivery")
                .doesNotContain("Techcombank current account");
    }

    private String run(String applicationProperties, String balancesRoute) throws Exception {
        return run(applicationProperties, balancesRoute, Map.of(), "-dm", "4");
    }

    /** The project with these two files, run as {@code Application} at INFO with these arguments; its output. */
    private String run(String applicationProperties, String balancesRoute, Map<String, String> moreEnvironment,
                       String... arguments) throws Exception {
        SnippetCompiler compiler = new SnippetCompiler(dir.resolve("classes"));
        Path resources = Files.createDirectories(dir.resolve("resources"));
        Files.writeString(resources.resolve("application.properties"), applicationProperties);
        Path log4j = resources.resolve("log4j2-info.xml");
        Files.writeString(log4j, """
                <Configuration status="WARN">
                  <Appenders><Console name="out" target="SYSTEM_OUT"><PatternLayout pattern="%p %c - %m%n"/></Console></Appenders>
                  <Loggers><Root level="INFO"><AppenderRef ref="out"/></Root></Loggers>
                </Configuration>
                """);
        String classPath = String.join(":", resources.toString(),
                classesOf(compiler, "Application", application), classesOf(compiler, "BalancesRoute", balancesRoute),
                System.getProperty("java.class.path"));
        Path output = dir.resolve("output.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlog4j2.configurationFile=" + log4j, "-XX:TieredStopAtLevel=1", "-cp", classPath,
                "com.example.Application"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        if (applicationProperties.contains("FINSIFY_BASE_URL")) {
            builder.environment().put("FINSIFY_BASE_URL", finsify.baseUrl());
        }
        builder.environment().put("FINSIFY_SERVICES_URL", finsify.servicesUrl());
        builder.environment().put("FINSIFY_CLIENT_ID", finsify.clientId());
        builder.environment().put("FINSIFY_SERVICE_SECRET", finsify.serviceSecret());
        builder.environment().put("FINSIFY_LOGIN_SECRET", login.secret());
        builder.environment().putAll(moreEnvironment);
        Process process = builder.start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the application did not stop:\n" + Files.readString(output));
        }
        String log = Files.readString(output);
        assertThat(process.exitValue()).as("exit value; output:\n" + log).isZero();
        return log;
    }

    private static String classesOf(SnippetCompiler compiler, String name, String source) throws Exception {
        DocBlock block = new DocBlock("docs/getting-started.md", 1, "java", source, new DocBlock.None());
        compiler.compile(block, JavaSnippet.of(source, name), name);
        return compiler.classesDirectory(name).toString();
    }

    private static String projectFile(List<DocBlock> blocks, String path) {
        return blocks.stream()
                .filter(b -> b.marker() instanceof DocBlock.ProjectFile file && file.path().equals(path))
                .map(DocBlock::content).findFirst()
                .orElseThrow(() -> new IllegalStateException("getting-started.md shows no project file " + path));
    }
}
