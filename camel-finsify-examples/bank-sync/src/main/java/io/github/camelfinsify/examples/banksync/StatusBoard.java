package io.github.camelfinsify.examples.banksync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import io.github.camelfinsify.ChangeType;
import io.github.camelfinsify.FinsifyConstants;
import io.github.camelfinsify.model.Masking;
import io.github.camelfinsify.model.RemovedTransaction;
import io.github.camelfinsify.model.Transaction;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;

/**
 * Bean {@code bankSyncStatus}: what the {@code --follow} status page shows. The logins with the age of their last
 * sync, the last changes applied, and the webhook events by outcome. Ids are masked as the component's console masks
 * them; no secret is held.
 */
public final class StatusBoard {

    static final int LAST_CHANGES = 10;

    private final Clock clock;
    private final WebhookStats webhooks;
    private final Map<Long, Instant> lastSynced = new ConcurrentHashMap<>();
    private final Deque<JsonObject> lastChanges = new ArrayDeque<>();

    public StatusBoard(Clock clock, WebhookStats webhooks) {
        this.clock = clock;
        this.webhooks = webhooks;
    }

    /** The login is up to date as of now (its backfill drained). */
    public void loginSynced(long loginId) {
        lastSynced.put(loginId, clock.instant());
    }

    /** The apply route calls this after each change was written (or deleted), from the backfill or a webhook. */
    public void changeApplied(Exchange exchange) {
        Message message = exchange.getMessage();
        Long loginId = message.getHeader(FinsifyConstants.LOGIN_ID, Long.class);
        Instant now = clock.instant();
        if (loginId != null) {
            lastSynced.put(loginId, now);
        }
        JsonObject change = new JsonObject();
        change.put("at", now.toString());
        change.put("source", message.getHeader("bankSyncSource", "?", String.class));
        change.put("type", message.getHeader(FinsifyConstants.CHANGE_TYPE, ChangeType.ADDED, ChangeType.class).name());
        change.put("account", Masking.maskId(message.getHeader(FinsifyConstants.ACCOUNT_ID, 0L, Long.class)));
        Object body = message.getBody();
        if (body instanceof Transaction t) {
            change.put("transaction", t.id());
            change.put("date", String.valueOf(t.date()));
            change.put("amount", t.amount() == null ? null : t.amount().toPlainString());
            change.put("currency", t.currency());
            change.put("description", t.description());
        } else if (body instanceof RemovedTransaction r) {
            change.put("transaction", r.id());
        }
        synchronized (lastChanges) {
            lastChanges.addFirst(change);
            if (lastChanges.size() > LAST_CHANGES) {
                lastChanges.removeLast();
            }
        }
    }

    /** The page's data, as JSON. */
    public String json() {
        Instant now = clock.instant();
        JsonArray logins = new JsonArray();
        new TreeMap<>(lastSynced).forEach((loginId, synced) -> {
            JsonObject login = new JsonObject();
            login.put("login", Masking.maskId(loginId));
            login.put("lastSynced", synced.toString());
            login.put("lagSeconds", Duration.between(synced, now).toSeconds());
            logins.add(login);
        });
        JsonArray changes;
        synchronized (lastChanges) {
            changes = new JsonArray(lastChanges);
        }
        JsonObject root = new JsonObject();
        root.put("now", now.toString());
        root.put("logins", logins);
        root.put("lastChanges", changes);
        root.put("webhooks", webhookOutcomes());
        return root.toJson();
    }

    private JsonObject webhookOutcomes() {
        JsonObject outcomes = new JsonObject();
        outcomes.put("transaction events applied", webhooks.events());
        outcomes.put("other events", webhooks.otherEvents());
        return outcomes;
    }
}
