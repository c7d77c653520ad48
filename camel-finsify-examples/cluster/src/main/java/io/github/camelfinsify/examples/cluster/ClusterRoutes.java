package io.github.camelfinsify.examples.cluster;

import io.github.camelfinsify.ChangeType;
import io.github.camelfinsify.FinsifyConstants;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/**
 * The sync feed of one login into the shared table {@code finsify_transaction}, on one instance at a time.
 * <p>
 * {@code master:finsify-sync:...} starts the {@code finsify:transactions} consumer only on the instance that holds the
 * leadership of namespace {@code finsify-sync} in the cluster service; the others wait and take over when it goes.
 * The sync state lives in the shared database ({@code #syncState}), so the new leader continues where the old one
 * stopped. At the edge of a crash a few transactions may be delivered again: the upsert by id makes that harmless,
 * and column {@code writes} counts how often a row was written.
 */
public class ClusterRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("master:finsify-sync:finsify:transactions?loginSecret=RAW({{finsify.login-secret}})"
             + "&stateRepository=#syncState&delay={{finsify.poll-delay}}&initialFromDate={{?finsify.initial-from-date}}")
                .routeId("finsify-sync")
                .setHeader("FinsifyNode", simple("${properties:cluster.node-id}"))
                .choice()
                    .when(header(FinsifyConstants.CHANGE_TYPE).isEqualTo(ChangeType.REMOVED))
                        .to("sql:DELETE FROM finsify_transaction WHERE id = :#${body.id}")
                    .otherwise()
                        .to("sql:classpath:sql/upsert-transaction.sql")
                .end()
                .log(LoggingLevel.DEBUG, "${header.FinsifyNode} wrote ${header.CamelFinsifyChangeType} transaction ${body.id}"
                     + " of account ${header.CamelFinsifyAccountId}");
    }
}
