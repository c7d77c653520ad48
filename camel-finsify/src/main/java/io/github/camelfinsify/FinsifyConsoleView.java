package io.github.camelfinsify;

import io.github.camelfinsify.model.Masking;
import org.apache.camel.Consumer;
import org.apache.camel.util.URISupport;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;

/** What the finsify console shows of one consumer, as JSON; {@code null} for a consumer of another component. */
final class FinsifyConsoleView {

    private FinsifyConsoleView() {
    }

    static JsonObject of(String routeId, Consumer consumer, int top) {
        JsonObject view = new JsonObject();
        view.put("routeId", routeId);
        if (consumer instanceof FinsifyDirectoryConsumer directory) {
            head(view, directory.getEndpoint(), "loginDirectory");
            view.put("logins", directory.details().get("logins"));
            view.put("loginsSynced", directory.getLoginsSynced());
            view.put("loginsFailing", directory.getLoginsFailing());
            view.put("loginsNeedingUser", directory.getLoginsNeedingUser());
            view.put("loginsInFlight", directory.getLoginsInFlight());
            view.put("sweepPaused", directory.isSweepPaused());
            view.put("sweepsCompleted", directory.getSweepsCompleted());
            view.put("rateLimitedForMillis", directory.rateLimitedFor().toMillis());
            JsonArray failing = new JsonArray();
            directory.failingLogins(top).forEach(id -> failing.add(Masking.maskId(id)));
            view.put("failingLogins", failing);
            return view;
        }
        if (consumer instanceof FinsifyTransactionsConsumer feed) {
            head(view, feed.getEndpoint(), "login");
            Long loginId = feed.loginId();
            view.put("loginId", loginId == null ? null : Masking.maskId(loginId));
            return view;
        }
        if (consumer instanceof FinsifyWebhookConsumer webhook) {
            head(view, webhook.getEndpoint(), "webhook");
            return view;
        }
        return null;
    }

    private static void head(JsonObject view, FinsifyEndpoint endpoint, String kind) {
        view.put("endpoint", URISupport.sanitizeUri(endpoint.getEndpointUri()));
        view.put("kind", kind);
    }
}
