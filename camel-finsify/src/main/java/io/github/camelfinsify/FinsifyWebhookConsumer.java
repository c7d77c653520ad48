package io.github.camelfinsify;

import java.util.ArrayList;
import java.util.List;

import io.github.camelfinsify.sync.SyncStatistics;
import io.github.camelfinsify.webhook.WebhookStatistics;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.PlatformHttpComponent;

/**
 * {@code finsify:webhook}: receives Finsify's webhook events on {@code path} (default {@code /finsify/webhook}).
 */
public class FinsifyWebhookConsumer extends PlatformHttpBackedConsumer {

    static final String DEFAULT_PATH = "/finsify/webhook";

    private FinsifyWebhookHandler handler;
    private VertxWebhookIntake vertxIntake;
    private final WebhookStatistics statistics = new WebhookStatistics();
    private final SyncStatistics syncStatistics;
    private final List<FinsifyMetrics.Binding> meters = new ArrayList<>();

    public FinsifyWebhookConsumer(FinsifyEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        syncStatistics = new SyncStatistics(endpoint.getComponent().clock());
    }

    /** How this consumer answered its requests, for metrics and consoles. */
    public WebhookStatistics getWebhookStatistics() {
        return statistics;
    }

    /** What this consumer synced with {@code fetchTransactions=true}. */
    public SyncStatistics getSyncStatistics() {
        return syncStatistics;
    }

    @Override
    String platformHttpUri() {
        String uri = "platform-http:" + getEndpoint().pathOr(DEFAULT_PATH) + "?httpMethodRestrict=POST";
        // on Vert.x the body stays unread unless the server's own limit is the consumer's or smaller
        return vertxIntake != null && !vertxIntake.serverReadsBody() ? uri + "&useBodyHandler=false" : uri;
    }

    @Override
    Processor createHandler() {
        return handler;
    }

    @Override
    protected void doStart() throws Exception {
        handler = new FinsifyWebhookHandler(getEndpoint(), delivery(), statistics, syncStatistics);
        if (FinsifyWebhookHandler.VERTX_PRESENT) {
            // before platform-http adds its route for the path, so the intake's is matched first
            PlatformHttpComponent platformHttp = getEndpoint().getCamelContext()
                    .getComponent("platform-http", PlatformHttpComponent.class);
            vertxIntake = VertxWebhookIntake.install(getEndpoint().getCamelContext(), platformHttp.getEngine(),
                    getEndpoint().pathOr(DEFAULT_PATH), handler, getEndpoint().getConfiguration().getMaxBodySize());
        }
        try {
            super.doStart();
        } catch (Exception e) {
            removeVertxIntake();
            throw e;
        }
        FinsifyMetrics metrics = getEndpoint().getComponent().metrics();
        meters.add(metrics.bindWebhook(getRouteId(), statistics));
        if (getEndpoint().getConfiguration().isFetchTransactions()) {
            meters.add(metrics.bindSync(getRouteId(), syncStatistics));
        }
    }

    @Override
    protected void doStop() throws Exception {
        meters.forEach(FinsifyMetrics.Binding::close);
        meters.clear();
        super.doStop();
        removeVertxIntake();
    }

    private void removeVertxIntake() {
        if (vertxIntake != null) {
            vertxIntake.remove();
            vertxIntake = null;
        }
    }
}
