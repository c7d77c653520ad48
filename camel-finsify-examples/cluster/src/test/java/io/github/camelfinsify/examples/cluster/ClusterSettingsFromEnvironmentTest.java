package io.github.camelfinsify.examples.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.camelfinsify.sandbox.FinsifySandbox;
import io.github.camelfinsify.sandbox.SandboxLogin;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The path docs/scaling.md documents: an instance takes the Finsify API and the credentials from the environment
 * variables {@code FINSIFY_BASE_URL}, {@code FINSIFY_CLIENT_ID}, {@code FINSIFY_SERVICE_SECRET} and
 * {@code FINSIFY_LOGIN_SECRET}, with nothing about Finsify on its command line.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ClusterSettingsFromEnvironmentTest {

    @TempDir
    Path dir;

    private FinsifySandbox sandbox;
    private Server h2;
    private Process instance;

    @AfterEach
    void stopAll() throws Exception {
        if (instance != null) {
            instance.destroy();
            if (!instance.waitFor(20, TimeUnit.SECONDS)) {
                instance.destroyForcibly();
            }
        }
        if (h2 != null) {
            h2.stop();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void anInstanceCallsTheApiOfTheEnvironmentWithItsCredentials() throws Exception {
        // credentials that are not the defaults of anything: only the environment can have brought them
        sandbox = FinsifySandbox.builder().port(0).clientId("env-client-id").serviceSecret("env-service-secret")
                .build().start();
        SandboxLogin login = sandbox.connectLogin("user_good");
        h2 = Server.createTcpServer("-tcpPort", "0", "-ifNotExists", "-baseDir", dir.resolve("db").toString()).start();
        String jdbcUrl = "jdbc:h2:tcp://localhost:" + h2.getPort() + "/./finsify-cluster";
        Path log = dir.resolve("a.log");

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx192m", "-XX:TieredStopAtLevel=1", "-cp", classpath,
                ClusterApp.class.getName(), "--cluster.node-id=a", "--cluster.jdbc-url=" + jdbcUrl,
                "--cluster.lock-dir=" + dir.resolve("locks"));
        pb.environment().put("FINSIFY_BASE_URL", sandbox.baseUrl());
        pb.environment().put("FINSIFY_CLIENT_ID", "env-client-id");
        pb.environment().put("FINSIFY_SERVICE_SECRET", "env-service-secret");
        pb.environment().put("FINSIFY_LOGIN_SECRET", login.secret());
        instance = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();

        await("the instance writes the login's transactions").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> alive(log) && rowCount(jdbcUrl) > 0);
        assertThat(read(log)).contains("Finsify API " + sandbox.baseUrl())
                .doesNotContain("env-service-secret").doesNotContain(login.secret());
    }

    private boolean alive(Path log) throws IOException {
        if (!instance.isAlive()) {
            throw new IllegalStateException("The instance exited with " + instance.exitValue() + ":\n" + read(log));
        }
        return true;
    }

    private static long rowCount(String jdbcUrl) {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "sa", ""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM finsify_transaction")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return 0; // the table is not there yet
        }
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
