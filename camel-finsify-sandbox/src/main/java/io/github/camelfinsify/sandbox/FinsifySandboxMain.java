package io.github.camelfinsify.sandbox;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the sandbox standalone until the process is stopped:
 * {@code mvn -q -pl camel-finsify-sandbox compile exec:java -Dexec.args="--env-file sandbox.env"}, or
 * {@code java -cp ... io.github.camelfinsify.sandbox.FinsifySandboxMain}.
 *
 * <p>It listens on loopback and a free port unless {@code --host} and {@code --port} say otherwise, and prints
 * where on one line ({@code FINSIFY SANDBOX READY host=.. port=.. base-url=.. services-url=.. admin-url=..});
 * {@code --env-file} also writes it to a file for scripts. A port that was asked for and is taken ends it
 * with one line on stderr and exit status 1; bad options with exit status 2. {@code --help} lists the options.
 */
public final class FinsifySandboxMain {

    private FinsifySandboxMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        logToTheConsole();
        FinsifySandbox.Builder builder = FinsifySandbox.builder();
        Path envFile = null;
        boolean adminTokenGiven = false;
        try {
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                if (option.equals("--help") || option.equals("-h")) {
                    usage(System.out);
                    return;
                }
                if (option.equals("--wiremock-admin")) {
                    builder.wireMockAdmin(true);
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("Missing value for " + option);
                }
                String value = args[++i];
                switch (option) {
                    case "--host" -> builder.host(value);
                    case "--port" -> builder.port(intValue(option, value));
                    case "--env-file" -> envFile = Path.of(value);
                    case "--admin-token" -> {
                        builder.adminToken(value);
                        adminTokenGiven = true;
                    }
                    case "--seed" -> builder.seed(longValue(option, value));
                    case "--many" -> builder.manyTransactions(intValue(option, value));
                    case "--webhook-url" -> builder.webhookUrl(value);
                    case "--webhook-token" -> builder.webhookToken(value);
                    case "--client-id" -> builder.clientId(value);
                    case "--service-secret" -> builder.serviceSecret(value);
                    case "--app-secret" -> builder.appSecret(value);
                    case "--refresh-cooldown-seconds" ->
                            builder.refreshCooldown(Duration.ofSeconds(longValue(option, value)));
                    default -> throw new IllegalArgumentException("Unknown option " + option);
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("Finsify sandbox: " + e.getMessage());
            usage(System.err);
            System.exit(2);
            return;
        }

        FinsifySandbox sandbox = builder.build();
        try {
            sandbox.start();
        } catch (IllegalStateException e) {
            // one line, no stack trace: this is the launcher's answer, not a crash
            boolean portTaken = e.getMessage().endsWith(FinsifySandbox.PORT_IN_USE);
            System.err.println("Finsify sandbox: " + e.getMessage()
                    + (portTaken ? "; choose another with --port N, or --port 0 (the default) for a free one" : ""));
            sandbox.close();
            System.exit(1);
            return;
        }
        if (envFile != null) {
            try {
                SandboxEnvFile.write(envFile, sandbox);
            } catch (IOException e) {
                System.err.println("Finsify sandbox: cannot write --env-file " + envFile + ": " + e);
                sandbox.close();
                System.exit(1);
                return;
            }
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Path writtenEnvFile = envFile;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            // a stale file would send the next script to whatever takes this port later
            SandboxEnvFile.delete(writtenEnvFile);
            stopped.countDown();
        }, "finsify-sandbox-shutdown"));
        printReady(System.out, sandbox, envFile, adminTokenGiven);
        stopped.await();
    }

    private static void printReady(PrintStream out, FinsifySandbox sandbox, Path envFile, boolean adminTokenGiven) {
        out.println("FINSIFY SANDBOX READY host=" + sandbox.host() + " port=" + sandbox.port()
                + " base-url=" + sandbox.baseUrl() + " services-url=" + sandbox.servicesUrl()
                + " admin-url=" + sandbox.adminUrl());
        out.println("Finsify sandbox is running (seed " + sandbox.seed() + "). Stop it with Ctrl+C.");
        out.println("  client-id:      " + sandbox.clientId());
        out.println("  service-secret: " + sandbox.serviceSecret());
        out.println("  app-secret:     " + sandbox.appSecret());
        if (sandbox.adminToken() == null) {
            out.println("  Admin API:      " + sandbox.adminUrl() + "/ (open: loopback only; --admin-token guards it)");
        } else {
            out.println("  Admin API:      " + sandbox.adminUrl() + "/ (needs header Authorization: Bearer <admin token>)");
        }
        if (sandbox.adminToken() != null && !adminTokenGiven) {
            // generated, so nobody else knows it: the one who started the sandbox needs to see it
            out.println("  Admin token:    " + sandbox.adminToken() + " (generated: off loopback the admin API needs"
                    + " one; choose it with --admin-token)");
        }
        out.println("  WireMock admin: " + (sandbox.wireMockAdmin() ? "on at /__admin" : "off (--wiremock-admin)"));
        out.println("  Webhook URL:    " + (sandbox.webhookUrl() == null ? "(none)" : "set"));
        if (envFile != null) {
            out.println("  Env file:       " + envFile);
        }
        out.println("  Connect page usernames: user_good, user_many, user_updates (password "
                + FinsifySandbox.PASSWORD + "); wrong_credentials, password_expired, account_locked fail");
        out.flush();
    }

    private static int intValue(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, not '" + value + "'");
        }
    }

    private static long longValue(String option, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, not '" + value + "'");
        }
    }

    /**
     * The standalone class path carries slf4j-simple (an optional dependency: never on users' class paths);
     * these are its defaults here, each overridable with {@code -D}. The sandbox's own level is set apart
     * because {@code mvn -q} sets slf4j-simple's default level to error in the JVM that exec:java shares, which
     * would hide the webhook warnings.
     */
    private static void logToTheConsole() {
        setIfAbsent("org.slf4j.simpleLogger.log." + FinsifySandboxMain.class.getPackageName(), "info");
        setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
        setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
        setIfAbsent("org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn");
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    private static void usage(PrintStream out) {
        out.println("Usage: FinsifySandboxMain [--host ADDRESS] [--port N] [--env-file FILE] [--admin-token T]"
                + " [--wiremock-admin] [--seed N] [--many N] [--webhook-url URL] [--webhook-token T]"
                + " [--client-id ID] [--service-secret S] [--app-secret S] [--refresh-cooldown-seconds N]");
    }
}
