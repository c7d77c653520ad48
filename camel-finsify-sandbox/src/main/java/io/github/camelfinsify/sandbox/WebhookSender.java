package io.github.camelfinsify.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts webhook events to the configured URL from one background thread, as a real sender would: a failed
 * attempt (non-2xx or I/O error) is retried with exponential backoff, then given up and logged.
 */
final class WebhookSender implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);

    private final ScheduledExecutorService executor;
    private final HttpClient client;
    private final int maxAttempts;
    private final Duration retryDelay;
    private final String token;
    private final Clock clock;
    private final List<WebhookDelivery> deliveries = new CopyOnWriteArrayList<>();
    private volatile String url;

    WebhookSender(String url, String token, int maxAttempts, Duration retryDelay, Clock clock) {
        this.url = url;
        this.token = token;
        this.maxAttempts = maxAttempts;
        this.retryDelay = retryDelay;
        this.clock = clock;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "finsify-sandbox-webhooks");
            thread.setDaemon(true);
            return thread;
        });
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    void url(String url) {
        this.url = url;
    }

    String url() {
        return url;
    }

    List<WebhookDelivery> deliveries() {
        return List.copyOf(deliveries);
    }

    void clearDeliveries() {
        deliveries.clear();
    }

    /** Queues {@code body} for delivery to the current webhook URL. */
    void send(String body) {
        String target = url;
        if (target == null || target.isBlank()) {
            LOG.debug("No webhook URL is set: event not sent");
            deliveries.add(new WebhookDelivery(body, 0, 0, false, clock.instant()));
            return;
        }
        schedule(target, body, 1, 0);
    }

    private void schedule(String target, String body, int attempt, long delayMillis) {
        try {
            executor.schedule(() -> attempt(target, body, attempt), delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("Sandbox stopped: webhook to {} not sent", withoutQuery(target));
        }
    }

    private void attempt(String target, String body, int attempt) {
        int status;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (token != null) {
                request.header("X-Finsify-Token", token);
            }
            status = client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException | IllegalArgumentException e) {
            status = -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        boolean ok = status >= 200 && status < 300;
        if (ok) {
            LOG.debug("Webhook delivered to {} (status {}, attempt {})", withoutQuery(target), status, attempt);
            deliveries.add(new WebhookDelivery(body, status, attempt, true, clock.instant()));
        } else if (attempt < maxAttempts) {
            long delay = retryDelay.toMillis() << (attempt - 1);
            LOG.debug("Webhook to {} failed (status {}), attempt {} of {}; retrying in {} ms", withoutQuery(target),
                    status, attempt, maxAttempts, delay);
            schedule(target, body, attempt + 1, delay);
        } else {
            LOG.warn("Webhook to {} failed after {} attempts (last status {}); giving up", withoutQuery(target),
                    attempt, status);
            deliveries.add(new WebhookDelivery(body, status, attempt, false, clock.instant()));
        }
    }

    /** URLs often carry {@code ?token=...}: never log the query. */
    static String withoutQuery(String target) {
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q) + "?...";
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
