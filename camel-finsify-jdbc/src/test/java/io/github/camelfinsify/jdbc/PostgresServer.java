package io.github.camelfinsify.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL for the tests: Debian's {@code postgresql} package (binaries in
 * {@code /usr/lib/postgresql/<version>/bin}, or the directory in env {@code FINSIFY_TEST_PG_BIN}), one throw-away
 * cluster per test JVM in a temporary directory, on a free port of localhost, stopped when the JVM exits.
 * <p>
 * PostgreSQL refuses to run as root, and tests and CI run as root here: then the cluster belongs to the
 * {@code postgres} user that the Debian package creates, and its commands run through {@code runuser}.
 */
final class PostgresServer {

    private static PostgresServer shared;

    private final Path binaries;
    private final Path directory;
    private final boolean asPostgresUser;
    private final int port;

    private PostgresServer(Path binaries, Path directory, boolean asPostgresUser, int port) {
        this.binaries = binaries;
        this.directory = directory;
        this.asPostgresUser = asPostgresUser;
        this.port = port;
    }

    /** The server of this JVM, started on first use. */
    static synchronized PostgresServer shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "postgres-stop"));
        }
        return shared;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    String user() {
        return "postgres";
    }

    private static PostgresServer start() {
        try {
            Path binaries = findBinaries();
            boolean asPostgresUser = "root".equals(System.getProperty("user.name"));
            Path directory = Files.createTempDirectory("finsify-postgres-");
            if (asPostgresUser) {
                UserPrincipal postgres = directory.getFileSystem().getUserPrincipalLookupService()
                        .lookupPrincipalByName("postgres");
                Files.setOwner(directory, postgres);
            }
            PostgresServer server = new PostgresServer(binaries, directory, asPostgresUser, freePort());
            server.run("initdb", "-D", server.data(), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale",
                    "--no-sync");
            server.run("pg_ctl", "-D", server.data(), "-l", directory.resolve("server.log").toString(), "-w", "-t",
                    "60", "-o", "-p " + server.port + " -k " + directory + " -c listen_addresses=localhost"
                                + " -c fsync=off -c max_connections=200",
                    "start");
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start PostgreSQL for the tests", e);
        }
    }

    private void stop() {
        try {
            run("pg_ctl", "-D", data(), "-m", "fast", "-w", "stop");
        } finally {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                // a temporary directory left behind is no failure of the tests
            }
        }
    }

    private String data() {
        return directory.resolve("data").toString();
    }

    private void run(String program, String... args) {
        List<String> command = new ArrayList<>();
        if (asPostgresUser) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(binaries.resolve(program).toString());
        command.addAll(List.of(args));
        Path output = directory.resolve(program + ".out");
        try {
            // the working directory must be one the postgres user may enter
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                String log = Files.readString(output);
                Path serverLog = directory.resolve("server.log");
                if (Files.exists(serverLog)) {
                    log += "\n" + Files.readString(serverLog);
                }
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command, e);
        }
    }

    private static Path findBinaries() throws IOException {
        String configured = System.getenv("FINSIFY_TEST_PG_BIN");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                // the newest installed major version, by number (15 after 9)
                return versions.filter(version -> version.getFileName().toString().matches("\\d+"))
                        .filter(version -> Files.isExecutable(version.resolve("bin/initdb")))
                        .max(Comparator.comparingInt(version -> Integer.parseInt(version.getFileName().toString())))
                        .map(version -> version.resolve("bin"))
                        .orElseThrow(PostgresServer::notInstalled);
            }
        }
        throw notInstalled();
    }

    private static IllegalStateException notInstalled() {
        return new IllegalStateException("The tests need PostgreSQL: apt-get install postgresql (Debian; .ci/run does"
                                         + " it), or set FINSIFY_TEST_PG_BIN to the directory holding initdb and"
                                         + " pg_ctl");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
