package io.github.camelfinsify.examples.banksync;

/**
 * The {@code bank-sync} demo on Camel Main: connects a bank (the in-process Finsify sandbox by default), backfills
 * its transactions into a database with camel-sql, applies webhooks, and prints a summary.
 *
 * <pre>
 * mvn -B -q install -DskipTests &amp;&amp; mvn -B -q -pl camel-finsify-examples/bank-sync exec:java
 * mvn -B -q -pl camel-finsify-examples/bank-sync exec:java -Dexec.args="--yaml --follow"
 * </pre>
 */
public final class BankSyncApp {

    private BankSyncApp() {
    }

    public static void main(String... args) {
        BankSyncOptions options;
        try {
            options = BankSyncOptions.parse(args);
        } catch (BankSyncOptions.UsageException e) {
            if (e.getMessage() != null) {
                System.err.println(e.getMessage());
            }
            System.err.println(BankSyncOptions.USAGE);
            if (e.getMessage() != null) {
                System.exit(2);
            }
            return;
        }
        try (BankSync demo = new BankSync(options)) {
            demo.run();
        } catch (Exception e) {
            System.err.println();
            System.err.println("bank-sync failed: " + e);
            Throwable cause = e.getCause();
            while (cause != null) {
                System.err.println("  caused by: " + cause);
                cause = cause.getCause();
            }
            System.exit(1);
        }
    }
}
