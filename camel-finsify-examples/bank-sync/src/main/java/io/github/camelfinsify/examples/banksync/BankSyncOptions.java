package io.github.camelfinsify.examples.banksync;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How one run of the demo is set up.
 *
 * @param yaml           run the YAML DSL routes ({@code src/main/resources/routes/yaml}) instead of the Java DSL ones
 * @param follow         after the summary, keep applying webhooks until the JVM is stopped (Ctrl-C)
 * @param jdbcUrl        overrides property {@code bank-sync.jdbc-url}; {@code null} keeps application.properties'
 * @param httpPort       the port of the app's HTTP server (webhooks, connect callback); 0 picks a free one
 * @param env            the environment: {@code FINSIFY_BASE_URL}, {@code FINSIFY_CLIENT_ID} and
 *                       {@code FINSIFY_SERVICE_SECRET} together select a real Finsify instead of the sandbox
 * @param out            where progress and the summary are printed
 * @param connectTimeout how long to wait for the connect callback (a person completes the page on a real Finsify)
 * @param stateFile      where the sync feed keeps its state (a Camel {@code FileStateRepository}), so that a restarted
 *                       app resumes where it stopped; {@code null} keeps it in memory (every run starts over)
 * @param syncOnly       only sync: the backfill, then exit (or keep following with {@code follow}); no sandbox
 *                       changes and no summary
 */
public record BankSyncOptions(boolean yaml, boolean follow, String jdbcUrl, int httpPort, Map<String, String> env,
                              PrintStream out, Duration connectTimeout, String stateFile, boolean syncOnly) {

    public BankSyncOptions {
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        env = Map.copyOf(env);
    }

    /** The defaults of a command-line run: Java DSL, no follow, application.properties' database, real env. */
    public static BankSyncOptions defaults() {
        return new BankSyncOptions(false, false, null, 0, System.getenv(), System.out, Duration.ofMinutes(10), null,
                false);
    }

    /**
     * Reads {@code --yaml}, {@code --follow}, {@code --jdbc-url URL}, {@code --port N}, {@code --state-file PATH},
     * {@code --sync-only}.
     */
    public static BankSyncOptions parse(String... args) {
        BankSyncOptions options = defaults();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--yaml" -> options = options.withYaml(true);
                case "--follow" -> options = options.withFollow(true);
                case "--jdbc-url" -> options = options.withJdbcUrl(value(args, ++i, arg));
                case "--port" -> options = options.withHttpPort(Integer.parseInt(value(args, ++i, arg)));
                case "--state-file" -> options = options.withStateFile(value(args, ++i, arg));
                case "--sync-only" -> options = options.withSyncOnly(true);
                case "--help", "-h" -> throw new UsageException(null);
                default -> throw new UsageException("Unknown argument: " + arg);
            }
        }
        return options;
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new UsageException(option + " needs a value");
        }
        return args[index];
    }

    public BankSyncOptions withYaml(boolean value) {
        return new BankSyncOptions(value, follow, jdbcUrl, httpPort, env, out, connectTimeout, stateFile, syncOnly);
    }

    public BankSyncOptions withFollow(boolean value) {
        return new BankSyncOptions(yaml, value, jdbcUrl, httpPort, env, out, connectTimeout, stateFile, syncOnly);
    }

    public BankSyncOptions withJdbcUrl(String value) {
        return new BankSyncOptions(yaml, follow, value, httpPort, env, out, connectTimeout, stateFile, syncOnly);
    }

    public BankSyncOptions withHttpPort(int value) {
        return new BankSyncOptions(yaml, follow, jdbcUrl, value, env, out, connectTimeout, stateFile, syncOnly);
    }

    public BankSyncOptions withEnv(Map<String, String> value) {
        return new BankSyncOptions(yaml, follow, jdbcUrl, httpPort, value, out, connectTimeout, stateFile, syncOnly);
    }

    public BankSyncOptions withOut(PrintStream value) {
        return new BankSyncOptions(yaml, follow, jdbcUrl, httpPort, env, value, connectTimeout, stateFile, syncOnly);
    }

    public BankSyncOptions withStateFile(String value) {
        return new BankSyncOptions(yaml, follow, jdbcUrl, httpPort, env, out, connectTimeout, value, syncOnly);
    }

    public BankSyncOptions withSyncOnly(boolean value) {
        return new BankSyncOptions(yaml, follow, jdbcUrl, httpPort, env, out, connectTimeout, stateFile, value);
    }

    /** A bad command line; a {@code null} message asks for the usage text only. */
    static final class UsageException extends IllegalArgumentException {
        UsageException(String message) {
            super(message);
        }
    }

    static final String USAGE = """
            Usage: bank-sync [--yaml] [--follow] [--jdbc-url URL] [--port N] [--state-file PATH] [--sync-only]
              --yaml          run the YAML DSL routes (routes/yaml/*.camel.yaml) instead of the Java DSL ones
              --follow        after the summary, keep applying webhooks until Ctrl-C
              --jdbc-url URL  the database (default: an H2 file, property bank-sync.jdbc-url)
              --port N        the HTTP port for webhooks and the connect callback (default: a free one)
              --state-file PATH  keep the sync state in this file (Camel's FileStateRepository): a restarted
                              app resumes the sync where it stopped (default: in memory, every run starts over)
              --sync-only     only sync (the backfill; with --follow, then webhooks): no sandbox changes, no summary
            Environment: FINSIFY_BASE_URL, FINSIFY_CLIENT_ID and FINSIFY_SERVICE_SECRET select a real Finsify
            (optional: FINSIFY_SERVICES_URL, FINSIFY_SERVICE_ID, FINSIFY_LOGIN_SECRET, FINSIFY_WEBHOOK_TOKEN,
            FINSIFY_CONNECT_SIGNING_KEY, FINSIFY_PUBLIC_URL); without them the demo starts the Finsify sandbox
            in-process.""";
}
