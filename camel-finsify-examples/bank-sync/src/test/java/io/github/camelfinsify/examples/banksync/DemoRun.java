package io.github.camelfinsify.examples.banksync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.camelfinsify.model.Account;
import io.github.camelfinsify.sandbox.FinsifySandbox;
import io.github.camelfinsify.sandbox.SandboxTransaction;

/** Runs the demo in-process against its own sandbox, with a temporary H2 file, and checks the database. */
final class DemoRun {

    /** One row of the demo's table, or one sandbox transaction, as compared. */
    record Row(long id, long accountId, LocalDate date, BigDecimal amount, String currency, String description,
               String category) {
        Row {
            amount = amount.stripTrailingZeros();
        }
    }

    final String jdbcUrl;
    final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    final BankSyncOptions options;

    DemoRun(Path dir, boolean yaml) {
        this.jdbcUrl = "jdbc:h2:file:" + dir.resolve("bank-sync").toAbsolutePath() + ";DB_CLOSE_DELAY=-1";
        // what the demo prints goes to the test report too
        PrintStream tee = new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                captured.write(b);
                System.out.write(b);
            }
        }, true, StandardCharsets.UTF_8);
        this.options = BankSyncOptions.defaults()
                .withEnv(Map.of())          // the sandbox, whatever FINSIFY_* the machine has
                .withYaml(yaml)
                .withJdbcUrl(jdbcUrl)
                .withOut(tee);
    }

    /**
     * Runs the demo, started with {@code options.withFollow(true)}, on another thread until it says it follows
     * webhooks; answers the run, which ends when the demo is closed. Closes the demo if it never gets there.
     */
    CompletableFuture<BankSyncReport> follow(BankSync demo) {
        CompletableFuture<BankSyncReport> finished = CompletableFuture.supplyAsync(() -> {
            try {
                return demo.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> output().contains("Following webhooks at"));
        } catch (RuntimeException | Error notFollowing) {
            demo.close();
            throw notFollowing;
        }
        return finished;
    }

    String output() {
        return captured.toString(StandardCharsets.UTF_8);
    }

    /** Every row of the demo's table, by id. */
    Map<Long, Row> database() throws SQLException {
        Map<Long, Row> rows = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "sa", "");
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT id, account_id, tx_date, amount, currency, description, "
                                                   + "category FROM bank_transaction")) {
            while (rs.next()) {
                Row row = new Row(rs.getLong(1), rs.getLong(2), rs.getObject(3, LocalDate.class),
                        rs.getBigDecimal(4), rs.getString(5), rs.getString(6), rs.getString(7));
                assertThat(rows.put(row.id(), row)).as("id %d once", row.id()).isNull();
            }
        }
        return rows;
    }

    /** The sandbox's transactions of all the login's accounts, by id. */
    static Map<Long, Row> sandboxTruth(FinsifySandbox sandbox, List<Account> accounts) {
        Map<Long, Row> rows = new HashMap<>();
        for (Account account : accounts) {
            for (SandboxTransaction t : sandbox.transactions(account.id())) {
                rows.put(t.id(), new Row(t.id(), t.accountId(), t.date(), new BigDecimal(t.amount()), t.currency(),
                        t.description(), t.category()));
            }
        }
        return rows;
    }

    /** The database holds exactly the sandbox's transactions of the login, and the summary says so. */
    void assertDatabaseMatchesSandbox(BankSyncReport report, FinsifySandbox sandbox) throws SQLException {
        assertThat(report.accounts()).hasSize(3);
        Map<Long, Row> truth = sandboxTruth(sandbox, report.accounts());
        Map<Long, Row> database = database();

        assertThat(truth).hasSizeGreaterThan(500);
        assertThat(database.keySet()).containsExactlyInAnyOrderElementsOf(truth.keySet());
        assertThat(database).isEqualTo(truth);

        // the summary's counts are the database's and the sandbox's
        Map<Long, Long> perAccount = new HashMap<>();
        truth.values().forEach(row -> perAccount.merge(row.accountId(), 1L, Long::sum));
        assertThat(report.transactionsByAccount()).isEqualTo(perAccount);
        assertThat(report.totalTransactions()).isEqualTo(truth.size());
        // 3 + 2 added, 1 changed, 1 removed: four events, each applied
        assertThat(report.webhookEvents()).isEqualTo(4);
        assertThat(report.webhookAdded()).isEqualTo(5);
        assertThat(report.webhookModified()).isEqualTo(1);
        assertThat(report.webhookRemoved()).isEqualTo(1);
        // the backfill wrote the history as it was before the changes: all but the 5 added, plus the removed one
        assertThat(report.backfilled()).isEqualTo(truth.size() - 5 + 1);
        assertThat(sandbox.webhookDeliveries()).hasSize(4)
                .allSatisfy(d -> assertThat(d.delivered()).as("delivered: %s", d).isTrue());

        // spend by category: what the database says for the last 30 days
        LocalDate since = report.spendSince();
        Map<String, BigDecimal> spend = new HashMap<>();
        truth.values().stream()
                .filter(row -> row.amount().signum() < 0 && !row.date().isBefore(since))
                .forEach(row -> spend.merge(row.category() + "/" + row.currency(), row.amount().negate(),
                        BigDecimal::add));
        Map<String, BigDecimal> reported = new HashMap<>();
        report.spendByCategory().forEach(s -> reported.put(s.category() + "/" + s.currency(),
                s.spent().stripTrailingZeros()));
        spend.replaceAll((k, v) -> v.stripTrailingZeros());
        assertThat(reported).isEqualTo(spend);

        // the connect callback came back with the state signed for the customer the demo created
        Matcher signedFor = Pattern.compile("state signed for customer (\\S+)\\)").matcher(output());
        assertThat(signedFor.find()).as("the customer the connect state was signed for").isTrue();
        assertThat(output())
                .contains("4. Connect callback received through finsify:connect for customer " + signedFor.group(1))
                .contains("backfill: 3/3 accounts")
                .contains("Backfill complete: " + String.format("%,d", report.backfilled()) + " transactions")
                .contains("Transactions in the database: " + String.format("%,d", truth.size()))
                .contains("Webhook events applied: 4")
                .doesNotContain(sandbox.serviceSecret());
    }
}
