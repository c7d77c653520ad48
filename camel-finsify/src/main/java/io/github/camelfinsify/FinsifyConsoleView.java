package io.github.camelfinsify;

import io.github.camelfinsify.model.Masking;
import io.github.camelfinsify.sync.SizedStateRepository;
import io.github.camelfinsify.sync.SyncStatistics;
import io.github.camelfinsify.webhook.WebhookStatistics;
import org.apache.camel.Consumer;
import org.apache.camel.spi.StateRepository;
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
            // the same logins as longestFailing, by the same rule and in the same order
            JsonArray failing = new JsonArray();
            directory.getSyncStatistics().longestFailing(top)
                    .forEach(login -> failing.add(Masking.maskId(login.loginId())));
            view.put("failingLogins", failing);
            statistics(view, directory.getSyncStatistics(), top);
            stateSize(view, directory.getEndpoint());
            return view;
        }
        if (consumer instanceof FinsifyTransactionsConsumer feed) {
            head(view, feed.getEndpoint(), "login");
            Long loginId = feed.loginId();
            view.put("loginId", loginId == null ? null : Masking.maskId(loginId));
            statistics(view, feed.getSyncStatistics(), top);
            stateSize(view, feed.getEndpoint());
            return view;
        }
        if (consumer instanceof FinsifyWebhookConsumer webhook) {
            head(view, webhook.getEndpoint(), "webhook");
            JsonObject outcomes = new JsonObject();
            WebhookStatistics statistics = webhook.getWebhookStatistics();
            for (WebhookStatistics.Outcome outcome : WebhookStatistics.Outcome.values()) {
                outcomes.put(outcome.tag(), statistics.count(outcome));
            }
            view.put("webhookOutcomes", outcomes);
            if (webhook.getSyncStatistics() != null) {
                statistics(view, webhook.getSyncStatistics(), top);
            }
            return view;
        }
        return null;
    }

    /** What a sync consumer did so far: counts, the logins most behind and failing longest (masked), errors by code. */
    private static void statistics(JsonObject view, SyncStatistics statistics, int top) {
        view.put("accountsSynced", statistics.accountsSynced());
        JsonObject changes = new JsonObject();
        for (ChangeType type : ChangeType.values()) {
            changes.put(type.name(), statistics.changes(type));
        }
        view.put("changes", changes);
        view.put("oldestLagSeconds", statistics.oldestLag().toSeconds());
        JsonArray behind = new JsonArray();
        for (SyncStatistics.LoginLag lag : statistics.mostBehind(top)) {
            JsonObject row = new JsonObject();
            row.put("login", Masking.maskId(lag.loginId()));
            row.put("lastSynced", lag.lastSynced().toString());
            row.put("lagSeconds", lag.lag().toSeconds());
            behind.add(row);
        }
        view.put("mostBehind", behind);
        JsonArray failing = new JsonArray();
        for (SyncStatistics.FailingLogin login : statistics.longestFailing(top)) {
            JsonObject row = new JsonObject();
            row.put("login", Masking.maskId(login.loginId()));
            row.put("since", login.since().toString());
            row.put("lastError", login.lastError() == null ? null : login.lastError().name());
            failing.add(row);
        }
        view.put("longestFailing", failing);
        JsonObject errors = new JsonObject();
        statistics.errors().forEach((code, count) -> {
            JsonObject row = new JsonObject();
            row.put("count", count.count());
            row.put("last", count.last().toString());
            errors.put(code.name(), row);
        });
        view.put("errorsByCode", errors);
    }

    /** The size of the sync state, where the repository can tell it; a store that cannot answer does not fail the view. */
    private static void stateSize(JsonObject view, FinsifyEndpoint endpoint) {
        StateRepository<String, String> repository = endpoint.stateRepository();
        JsonObject size = new JsonObject();
        size.put("repository", repository.getClass().getSimpleName());
        if (repository instanceof SizedStateRepository sized) {
            try {
                SizedStateRepository.StateSize stateSize = sized.stateSize();
                size.put("states", stateSize.states());
                size.put("characters", stateSize.characters());
            } catch (RuntimeException e) {
                size.put("states", "unavailable (" + e.getClass().getSimpleName() + ")");
            }
        } else {
            size.put("states", "not reported");
        }
        view.put("stateSize", size);
    }

    private static void head(JsonObject view, FinsifyEndpoint endpoint, String kind) {
        view.put("endpoint", URISupport.sanitizeUri(endpoint.getEndpointUri()));
        view.put("kind", kind);
    }
}
