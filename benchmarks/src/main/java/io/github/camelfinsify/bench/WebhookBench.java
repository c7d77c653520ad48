package io.github.camelfinsify.bench;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Loads the two routes of {@link WebhookApp} (a separate JVM) with wrk (another process) on loopback: a warm-up per
 * route, then rounds that alternate the order of the two routes, each load bounded by wrk's -d.
 */
final class WebhookBench {

    private WebhookBench() {
    }

    record Settings(int warmupSeconds, int rounds, int seconds, int connections) {
        String describe() {
            return "wrk -t1 -c" + connections + ", " + warmupSeconds + " s warm-up per route, then " + rounds
                   + " rounds of " + seconds + " s per route (order alternating)";
        }
    }

    static Map<String, Object> run(Settings settings, Path rawDir, Path workDir) throws Exception {
        Path script = workDir.resolve("webhook.lua");
        try (InputStream in = WebhookBench.class.getResourceAsStream("/wrk/webhook.lua")) {
            Files.write(script, in.readAllBytes());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        try (ChildProcess app = ChildProcess.startServer(null, List.of("-Xms512m", "-Xmx512m"), WebhookApp.class.getName(),
                List.of(), rawDir.resolve("webhook-app.txt"), 60)) {
            String base = "http://127.0.0.1:" + app.port();
            String webhook = base + "/bench/webhook";
            String bare = base + "/bench/bare";
            wrk(webhook, settings.warmupSeconds(), settings, script, rawDir, "warmup-webhook");
            wrk(bare, settings.warmupSeconds(), settings, script, rawDir, "warmup-bare");
            List<Map<String, Object>> webhookRuns = new ArrayList<>();
            List<Map<String, Object>> bareRuns = new ArrayList<>();
            for (int round = 1; round <= settings.rounds(); round++) {
                if (round % 2 == 1) {
                    bareRuns.add(wrk(bare, settings.seconds(), settings, script, rawDir, "bare-" + round));
                    webhookRuns.add(wrk(webhook, settings.seconds(), settings, script, rawDir, "webhook-" + round));
                } else {
                    webhookRuns.add(wrk(webhook, settings.seconds(), settings, script, rawDir, "webhook-" + round));
                    bareRuns.add(wrk(bare, settings.seconds(), settings, script, rawDir, "bare-" + round));
                }
            }
            out.put("finsifyWebhook", aggregate(webhookRuns));
            out.put("bare", aggregate(bareRuns));
        }
        // the app prints how many events reached the route when it stops
        String appLog = Files.readString(rawDir.resolve("webhook-app.txt"), StandardCharsets.UTF_8);
        for (String line : appLog.split("\n")) {
            if (line.startsWith("DELIVERED=")) {
                out.put("eventsDeliveredToRoute", Long.parseLong(line.substring(10).trim()));
            }
        }
        return out;
    }

    private static Map<String, Object> aggregate(List<Map<String, Object>> runs) {
        double rate = 0;
        double p99 = 0;
        double p50 = 0;
        long requests = 0;
        long errors = 0;
        for (Map<String, Object> r : runs) {
            rate += ((Number) r.get("requestsPerSecond")).doubleValue();
            p99 += ((Number) r.get("p99_us")).doubleValue();
            p50 += ((Number) r.get("p50_us")).doubleValue();
            requests += ((Number) r.get("requests")).longValue();
            errors += ((Number) r.get("errors")).longValue();
        }
        Map<String, Object> agg = new LinkedHashMap<>();
        agg.put("requestsPerSecond", rate / runs.size());
        agg.put("p50Millis", p50 / runs.size() / 1000);
        agg.put("p99Millis", p99 / runs.size() / 1000);
        agg.put("requests", requests);
        agg.put("errors", errors);
        agg.put("rounds", runs);
        return agg;
    }

    private static Map<String, Object> wrk(String url, int seconds, Settings settings, Path script, Path rawDir,
                                           String name) throws Exception {
        Path log = rawDir.resolve("wrk-" + name + ".txt");
        ProcessBuilder builder = new ProcessBuilder("wrk", "-t1", "-c" + settings.connections(), "-d" + seconds + "s",
                "--timeout", "5s", "--latency", "-s", script.toString(), url)
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("FINSIFY_TOKEN", WebhookApp.TOKEN);
        builder.environment().put("BENCH_RUN", name + "-" + System.nanoTime());
        Process process = builder.start();
        if (!process.waitFor(seconds + 30L, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("wrk did not finish in time: " + log);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        for (String line : output.split("\n")) {
            if (line.startsWith("WRK_JSON ")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> r = BenchJson.MAPPER.readValue(line.substring(9), Map.class);
                Map<String, Object> result = new LinkedHashMap<>(r);
                long requests = ((Number) r.get("requests")).longValue();
                double duration = ((Number) r.get("duration_us")).doubleValue() / 1e6;
                long errors = 0;
                for (String key : List.of("err_connect", "err_read", "err_write", "err_status", "err_timeout")) {
                    errors += ((Number) r.get(key)).longValue();
                }
                result.put("requestsPerSecond", requests / duration);
                result.put("errors", errors);
                System.out.printf("  wrk %-16s %,10.0f req/s  p99 %6.2f ms  errors %d%n", name, requests / duration,
                        ((Number) r.get("p99_us")).doubleValue() / 1000, errors);
                return result;
            }
        }
        throw new IllegalStateException("wrk printed no result; see " + log);
    }
}
