package io.github.camelfinsify.examples.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;

import io.github.camelfinsify.sandbox.FinsifySandbox;
import io.github.camelfinsify.sandbox.SandboxLogin;
import io.github.camelfinsify.sandbox.SandboxTransaction;

/**
 * The bank and Finsify, as the replicas see them: in a thread of its own, a new transaction on a random login, then
 * its new-transactions webhook posted to the next replica, round-robin, as a load balancer would. A replica that does
 * not answer (killed) is skipped, as by the load balancer's health check, and the event goes to the next. Every
 * tenth event is sent a second time, to another replica, with the same referenceId, as Finsify does when it did not
 * hear an answer in time.
 */
final class RoundRobinWebhooks implements AutoCloseable {

    private final FinsifySandbox sandbox;
    private final List<SandboxLogin> logins;
    private final List<ClusterInstance> replicas;
    private final String token;
    private final LongPredicate loginAllowed;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Random random = new Random(42);
    private final Thread thread;
    private volatile boolean running = true;
    private int next;

    /** Transaction id to when its webhook was answered, in ms of System.currentTimeMillis. */
    final Map<Long, Long> announced = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
    final AtomicLong sent = new AtomicLong();
    private volatile Throwable failure;

    RoundRobinWebhooks(FinsifySandbox sandbox, List<SandboxLogin> logins, List<ClusterInstance> replicas, String token,
                       LongPredicate loginAllowed) {
        this.sandbox = sandbox;
        this.logins = logins;
        this.replicas = replicas;
        this.token = token;
        this.loginAllowed = loginAllowed;
        this.thread = new Thread(this::run, "round-robin-webhooks");
        thread.setDaemon(true);
    }

    RoundRobinWebhooks start() {
        thread.start();
        return this;
    }

    private void run() {
        try {
            while (running) {
                SandboxLogin login = logins.get(random.nextInt(logins.size()));
                if (!loginAllowed.test(login.loginId())) {
                    continue;
                }
                long accountId = login.accountIds().get(random.nextInt(login.accountIds().size()));
                SandboxTransaction tx = sandbox.addTransactions(accountId, 1).get(0);
                String event = "{\"login_id\":" + login.loginId() + ",\"timestamp\":" + System.currentTimeMillis()
                               + ",\"accounts\":[{\"id\":" + accountId + "}],\"new\":1,\"referenceId\":\""
                               + UUID.randomUUID() + "\"}";
                post(event);
                announced.put(tx.id(), System.currentTimeMillis());
                if (sent.incrementAndGet() % 10 == 0) {
                    post(event);
                }
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            failure = e;
        }
    }

    /** To the next replica that answers; a 5xx goes to the next one too, as Finsify's retry would. */
    private void post(String event) throws InterruptedException {
        for (int attempt = 0; attempt < replicas.size() * 3; attempt++) {
            ClusterInstance replica = replicas.get(next++ % replicas.size());
            if (!replica.isAlive()) {
                continue;
            }
            HttpRequest request = HttpRequest.newBuilder(
                            URI.create("http://localhost:" + replica.port + "/finsify/webhook"))
                    .timeout(Duration.ofSeconds(10)).header("content-type", "application/json")
                    .header("X-Finsify-Token", token).POST(HttpRequest.BodyPublishers.ofString(event)).build();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                String outcome = response.statusCode() + " " + response.body();
                answers.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notAnswering) {
                answers.computeIfAbsent("no answer", k -> new AtomicInteger()).incrementAndGet();
            }
        }
        throw new IllegalStateException("No replica accepted " + event + ": " + answers);
    }

    /** Posts one event to the given replica, outside the round-robin; answers status and body. */
    String postTo(ClusterInstance replica, String event) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + replica.port + "/finsify/webhook"))
                .timeout(Duration.ofSeconds(10)).header("content-type", "application/json")
                .header("X-Finsify-Token", token).POST(HttpRequest.BodyPublishers.ofString(event)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(20_000);
        if (failure != null) {
            throw new IllegalStateException("The webhook sender failed", failure);
        }
    }
}
