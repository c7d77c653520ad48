package io.github.camelfinsify.sandbox;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the sandbox standalone until the process is stopped:
 * {@code java -cp ... io.github.camelfinsify.sandbox.FinsifySandboxMain --port 8099}.
 *
 * <p>Options: {@code --port N} (default 8099, 0 = a free port), {@code --seed N}, {@code --many N},
 * {@code --webhook-url URL}, {@code --webhook-token T}, {@code --client-id}, {@code --service-secret},
 * {@code --app-secret}, {@code --refresh-cooldown-seconds N}, {@code --help}.
 */
public final class FinsifySandboxMain {

    private FinsifySandboxMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        FinsifySandbox.Builder builder = FinsifySandbox.builder().port(8099);
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("--help") || arg.equals("-h")) {
                    usage(System.out);
                    return;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("Missing value for " + arg);
                }
                String value = args[++i];
                switch (arg) {
                    case "--port" -> builder.port(Integer.parseInt(value));
                    case "--seed" -> builder.seed(Long.parseLong(value));
                    case "--many" -> builder.manyTransactions(Integer.parseInt(value));
                    case "--webhook-url" -> builder.webhookUrl(value);
                    case "--webhook-token" -> builder.webhookToken(value);
                    case "--client-id" -> builder.clientId(value);
                    case "--service-secret" -> builder.serviceSecret(value);
                    case "--app-secret" -> builder.appSecret(value);
                    case "--refresh-cooldown-seconds" ->
                            builder.refreshCooldown(java.time.Duration.ofSeconds(Long.parseLong(value)));
                    default -> throw new IllegalArgumentException("Unknown option " + arg);
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            usage(System.err);
            System.exit(2);
            return;
        }
        FinsifySandbox sandbox = builder.build().start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }, "finsify-sandbox-shutdown"));
        PrintStream out = System.out;
        out.println("Finsify sandbox is running (seed " + sandbox.seed() + "). Stop it with Ctrl+C.");
        out.println("  Base URL:       " + sandbox.baseUrl());
        out.println("  Services URL:   " + sandbox.servicesUrl());
        out.println("  Admin API:      " + sandbox.adminUrl() + "/");
        out.println("  client-id:      " + sandbox.clientId());
        out.println("  service-secret: " + sandbox.serviceSecret());
        out.println("  app-secret:     " + sandbox.appSecret());
        out.println("  Webhook URL:    " + (sandbox.webhookUrl() == null ? "(none)" : "set"));
        out.println("  Connect page usernames: user_good, user_many, user_updates (password "
                + FinsifySandbox.PASSWORD + "); wrong_credentials, password_expired, account_locked fail");
        out.flush();
        stopped.await();
    }

    private static void usage(PrintStream out) {
        out.println("Usage: FinsifySandboxMain [--port N] [--seed N] [--many N] [--webhook-url URL]"
                + " [--webhook-token T] [--client-id ID] [--service-secret S] [--app-secret S]"
                + " [--refresh-cooldown-seconds N]");
    }
}
