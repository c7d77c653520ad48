package io.github.camelfinsify.examples.banksync;

import io.github.camelfinsify.ChangeType;
import io.github.camelfinsify.FinsifyConstants;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/**
 * The demo's routes in Java DSL. {@code src/main/resources/routes/yaml/*.camel.yaml} holds the same routes in YAML
 * DSL ({@code --yaml}). All SQL comes from properties ({@code bank-sync.sql.*}), so another database only needs other
 * properties.
 */
public class BankSyncRoutes extends RouteBuilder {

    /**
     * Id of the template the backfill route is created from, once the connect callback gave the login secret. The app
     * sets that secret on the finsify component first (never in the URI: see docs/security.md).
     */
    public static final String BACKFILL_TEMPLATE = "finsify-backfill";

    @Override
    public void configure() {
        // 2. a customer and a connect token whose callback is our finsify:connect consumer
        //    (headers CamelFinsifyIdentifier and CamelFinsifyCallbackUrl come from the caller)
        from("direct:create-connect-token").routeId("create-connect-token")
                .to("finsify:createCustomer")
                .setHeader(FinsifyConstants.CUSTOMER_ID, simple("${body.customerId}"))
                .to("finsify:createToken?serviceId={{bank-sync.service-id}}");

        // 4. the connect callback: the login's id and secret, filed under the customer that the callback's signed
        //    state names (header CamelFinsifyCustomerId; the app sets connectSigningKey on the component)
        from("finsify:connect").routeId("finsify-connect")
                .bean("bankSyncSecrets", "save");

        // 5. the backfill: the sync feed from the start of the history, every change upserted (or deleted) by id.
        //    Both feeds keep their state in bean bankSyncState (in memory, or a file with --state-file)
        routeTemplate(BACKFILL_TEMPLATE)
                .from("finsify:transactions?initialFromDate={{bank-sync.initial-from-date}}"
                      + "&stateRepository=#bankSyncState"
                      + "&initialDelay=0&delay={{bank-sync.backfill-poll-delay}}"
                      + "&pollStrategy=#bankSyncProgress&exceptionHandler=#bankSyncProgress")
                .setHeader("bankSyncSource", constant("backfill"))
                .to("direct:apply-transaction")
                .bean("bankSyncProgress", "transactionApplied");

        // 6. webhooks: the consumer fetches what an event announces, on the same sync state as the backfill.
        //    The webhook token is the component's (set by the app)
        from("finsify:webhook?fetchTransactions=true"
             + "&loginSecretResolver=#bankSyncSecrets&initialFromDate={{bank-sync.initial-from-date}}"
             + "&stateRepository=#bankSyncState")
                .routeId("finsify-webhook")
                .choice()
                    .when(header(FinsifyConstants.CHANGE_TYPE).isNotNull())
                        .setHeader("bankSyncSource", constant("webhook"))
                        .to("direct:apply-transaction")
                        .bean("bankSyncStats", "transactionApplied")
                    .otherwise()
                        .log(LoggingLevel.WARN, "bank-sync", "Webhook event ${header.CamelFinsifyEventType}: ${body}")
                        .bean("bankSyncStats", "otherEvent")
                .end();

        from("direct:apply-transaction").routeId("apply-transaction")
                .choice()
                    .when(header(FinsifyConstants.CHANGE_TYPE).isEqualTo(ChangeType.REMOVED))
                        .to("sql:{{bank-sync.sql.delete}}?noop=true")
                    .otherwise()
                        .to("sql:{{bank-sync.sql.upsert}}?noop=true")
                .end()
                .bean("bankSyncStatus", "changeApplied");

        // the summary's queries and the schema
        from("direct:accounts").routeId("accounts")
                .to("finsify:accounts");
        from("direct:create-schema").routeId("create-schema")
                .to("sql:{{bank-sync.sql.create-table}}");
        from("direct:clear-login").routeId("clear-login")
                .to("sql:{{bank-sync.sql.clear-login}}");
        from("direct:count-by-account").routeId("count-by-account")
                .to("sql:{{bank-sync.sql.count-by-account}}");
        from("direct:spend-by-category").routeId("spend-by-category")
                .to("sql:{{bank-sync.sql.spend-by-category}}");
    }
}
