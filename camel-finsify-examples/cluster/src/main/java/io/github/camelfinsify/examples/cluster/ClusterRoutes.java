package io.github.camelfinsify.examples.cluster;

import io.github.camelfinsify.ChangeType;
import io.github.camelfinsify.FinsifyConstants;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/**
 * The routes of every instance.
 * <ul>
 * <li>{@code finsify-webhook}, on every instance behind the load balancer: each event is delivered once whichever
 * instance gets it ({@code #webhookEvents}); a new-transactions event is left as a sync request in the shared
 * database ({@code requestSync}, {@code #syncRequests}) for whichever instance syncs; a login-status event lands in
 * the shared login statuses (the component's {@code loginStatusStore}) and stops that login's sync everywhere.</li>
 * <li>{@code finsify-sync}, on one instance at a time: {@code master:finsify-sync:...} starts the multi-login consumer
 * only on the instance that leads namespace {@code finsify-sync} in ZooKeeper. It syncs the logins webhooks asked for
 * first, and sweeps the whole book ({@code #book}) once per reconciliation interval. The sync state is in the shared
 * database ({@code #syncState}), so the next leader continues where the last one stopped; at the edge of a crash a
 * few transactions are delivered again, which the upsert by id absorbs (column {@code writes} counts them).</li>
 * </ul>
 */
public class ClusterRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("finsify:webhook?requestSync=true&syncRequests=#syncRequests&idempotentRepository=#webhookEvents")
                .routeId("finsify-webhook")
                .choice()
                    .when(header(FinsifyConstants.EVENT_TYPE).isEqualTo("loginStatus"))
                        .log("Login ${header.CamelFinsifyLoginId} needs its user (${header.CamelFinsifyLoginStatus}):"
                             + " recorded, its sync stops")
                    .otherwise()
                        .log(LoggingLevel.DEBUG, "Sync of login ${header.CamelFinsifyLoginId} requested");

        from("master:finsify-sync:finsify:transactions?loginDirectory=#book&stateRepository=#syncState"
             + "&syncRequests=#syncRequests&reconciliationInterval={{finsify.reconciliation-interval}}"
             + "&maxConcurrentLogins={{finsify.max-concurrent-logins}}&delay={{finsify.poll-delay}}"
             + "&initialFromDate={{?finsify.initial-from-date}}")
                .routeId("finsify-sync")
                .setHeader("FinsifyNode", simple("${properties:cluster.node-id}"))
                .choice()
                    .when(header(FinsifyConstants.EVENT_TYPE).isEqualTo("loginStatus"))
                        // reported once per login: the place to send its user a reconnect link
                        .log("Login ${header.CamelFinsifyLoginId} needs its user (${header.CamelFinsifyLoginStatus}):"
                             + " not synced until it reconnects")
                    .when(header(FinsifyConstants.CHANGE_TYPE).isEqualTo(ChangeType.REMOVED))
                        .to("sql:DELETE FROM finsify_transaction WHERE id = :#${body.id}")
                    .otherwise()
                        .to("sql:classpath:sql/upsert-transaction.sql")
                .end()
                .log(LoggingLevel.DEBUG, "${header.FinsifyNode} wrote ${header.CamelFinsifyChangeType} transaction"
                     + " ${body.id} of account ${header.CamelFinsifyAccountId}");
    }
}
