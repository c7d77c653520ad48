package io.github.camelfinsify.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.Reader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standalone launcher, run in its own JVM as the documented command runs it. */
class StandaloneMainTest {

    /** The one line that says where the sandbox listens. */
    private static final Pattern READY = Pattern.compile("FINSIFY SANDBOX READY host=(\\S+) port=(\\d+)"
            + " base-url=(\\S+) services-url=(\\S+) admin-url=(\\S+)");

    private static Matcher ready(StandaloneProcess sandbox) {
        Matcher m = READY.matcher(sandbox.awaitLine(line -> READY.matcher(line).matches()));
        assertThat(m.matches()).isTrue();
        return m;
    }

    @Test
    void printsOneLineWithHostPortBaseUrlAndServicesUrl() throws Exception {
        try (StandaloneProcess sandbox = StandaloneProcess.start()) {
            Matcher ready = ready(sandbox);
            String root = "http://localhost:" + ready.group(2);
            assertThat(ready.group(1)).isEqualTo("127.0.0.1");
            assertThat(Integer.parseInt(ready.group(2))).isPositive();
            assertThat(ready.group(3)).isEqualTo(root + "/v2");
            assertThat(ready.group(4)).isEqualTo(root + "/service.json");
            assertThat(ready.group(5)).isEqualTo(root + "/sandbox");
            assertThat(Http.urls().get(ready.group(4)).status()).isEqualTo(200);
        }
    }

    @Test
    void withoutAPortEachSandboxGetsAFreeOne() throws Exception {
        try (StandaloneProcess first = StandaloneProcess.start();
                StandaloneProcess second = StandaloneProcess.start()) {
            assertThat(ready(first).group(2)).isNotEqualTo(ready(second).group(2));
        }
    }

    @Test
    void envFileTellsScriptsWhereItListens(@TempDir Path dir) throws Exception {
        Path envFile = dir.resolve("sandbox.env");
        try (StandaloneProcess sandbox = StandaloneProcess.start("--env-file", envFile.toString())) {
            Matcher ready = ready(sandbox);
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(envFile));
            Properties env = new Properties();
            try (Reader reader = Files.newBufferedReader(envFile)) {
                env.load(reader);
            }
            assertThat(env).containsAllEntriesOf(Map.of(
                    "FINSIFY_SANDBOX_HOST", "127.0.0.1",
                    "FINSIFY_SANDBOX_PORT", ready.group(2),
                    "FINSIFY_SANDBOX_BASE_URL", ready.group(3),
                    "FINSIFY_SANDBOX_SERVICES_URL", ready.group(4),
                    "FINSIFY_SANDBOX_ADMIN_URL", ready.group(5),
                    "FINSIFY_SANDBOX_CLIENT_ID", FinsifySandbox.DEFAULT_CLIENT_ID,
                    "FINSIFY_SANDBOX_SERVICE_SECRET", FinsifySandbox.DEFAULT_SERVICE_SECRET));
            assertThat(Long.parseLong(env.getProperty("FINSIFY_SANDBOX_PID"))).isPositive();
            assertThat(Files.getPosixFilePermissions(envFile))
                    .containsOnly(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }
    }

    @Test
    void aTakenPortFailsWithOneLineAndNoStackTrace() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = taken.getLocalPort();
            try (StandaloneProcess sandbox = StandaloneProcess.start("--port", String.valueOf(port))) {
                assertThat(sandbox.awaitExit()).isEqualTo(1);
                assertThat(sandbox.lines()).singleElement().asString()
                        .contains("127.0.0.1:" + port)
                        .contains("in use")
                        .contains("--port 0")
                        .doesNotContain("Exception");
            }
        }
    }

    /** {@code mvn -q} sets this in the JVM that {@code exec:java} shares with Maven; slf4j-simple reads it too. */
    private static final String MAVEN_QUIET = "-Dorg.slf4j.simpleLogger.defaultLogLevel=error";

    @Test
    void webhookGiveUpIsPrintedAsAWarningEvenUnderMavenQuiet() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver().answering(500, 500, 500, 500);
                StandaloneProcess sandbox = StandaloneProcess.start(List.of(MAVEN_QUIET),
                        "--webhook-url", receiver.url("/hook?token=query-secret-1"))) {
            Matcher ready = ready(sandbox);
            Http.urls().with("content-type", "application/json")
                    .post(ready.group(5) + "/webhooks", "{\"login_id\":1,\"new\":1}");

            String warning = sandbox.awaitLine(line -> line.contains("giving up"));
            assertThat(warning).contains("WARN").contains(WebhookSender.class.getName())
                    .contains(receiver.url("/hook")).contains("4 attempts").contains("500");
            assertThat(sandbox.output()).doesNotContain("query-secret-1").doesNotContain("SLF4J(W)");
        }
    }

    @Test
    void offLoopbackTheAdminApiNeedsThePrintedToken() throws Exception {
        try (StandaloneProcess sandbox = StandaloneProcess.start("--host", "0.0.0.0")) {
            Matcher ready = ready(sandbox);
            assertThat(ready.group(1)).isEqualTo("0.0.0.0");
            Pattern tokenLine = Pattern.compile("\\s*Admin token:\\s+(\\S+) .*");
            Matcher token = tokenLine.matcher(sandbox.awaitLine(line -> tokenLine.matcher(line).matches()));
            assertThat(token.matches()).isTrue();
            Http admin = Http.urls().with("content-type", "application/json");
            String logins = ready.group(5) + "/logins";
            assertThat(admin.post(logins, "{\"username\":\"user_good\"}").status()).isEqualTo(401);
            assertThat(admin.with("Authorization", "Bearer " + token.group(1))
                    .post(logins, "{\"username\":\"user_good\"}").status()).isEqualTo(201);
        }
    }

    @Test
    void wireMockAdminFlagOpensWireMocksAdminApi() throws Exception {
        try (StandaloneProcess sandbox = StandaloneProcess.start("--wiremock-admin")) {
            Matcher ready = ready(sandbox);
            String root = ready.group(3).substring(0, ready.group(3).length() - "/v2".length());
            assertThat(Http.urls().get(root + "/__admin/mappings").status()).isEqualTo(200);
        }
    }

    @Test
    void withoutTheFlagWireMocksAdminApiIsRefused() throws Exception {
        try (StandaloneProcess sandbox = StandaloneProcess.start()) {
            Matcher ready = ready(sandbox);
            String root = ready.group(3).substring(0, ready.group(3).length() - "/v2".length());
            assertThat(Http.urls().post(root + "/__admin/shutdown", "").status()).isEqualTo(403);
            assertThat(sandbox.isAlive()).isTrue();
        }
    }
}
