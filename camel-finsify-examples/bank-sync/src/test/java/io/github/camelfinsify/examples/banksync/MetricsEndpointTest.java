package io.github.camelfinsify.examples.banksync;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Camel Main's management server serves the finsify meters in Prometheus' format, with the values of the demo's run:
 * its API calls, the changes the backfill delivered, the webhooks it received.
 */
class MetricsEndpointTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private String scrape(String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** The value of the first sample of {@code name} whose labels contain {@code labels}. */
    private static double sample(String scrape, String name, String labels) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$").matcher(scrape);
        while (matcher.find()) {
            if (matcher.group(1).contains(labels)) {
                return Double.parseDouble(matcher.group(2));
            }
        }
        throw new AssertionError("No sample " + name + "{" + labels + "} in\n" + scrape);
    }

    @Test
    void theFinsifyMetersAreScrapedWithTheValuesOfTheRun() throws Exception {
        DemoRun run = new DemoRun(dir, false);
        BankSync demo = new BankSync(run.options.withFollow(true));
        CompletableFuture<BankSyncReport> finished = run.follow(demo);
        try {

            String scrape = scrape(demo.metricsUrl());

            assertThat(demo.metricsUrl()).endsWith("/observe/metrics");
            assertThat(sample(scrape, "finsify_api_calls_seconds_count", "operation=\"GET /account\",status=\"200\""))
                    .isPositive();
            assertThat(sample(scrape, "finsify_api_calls_seconds_count",
                    "operation=\"GET /transaction\",status=\"200\"")).isPositive();
            assertThat(sample(scrape, "finsify_webhook_requests_total", "outcome=\"processed\""))
                    .isEqualTo(demo.webhookStats().events());
            assertThat(sample(scrape, "finsify_webhook_requests_total", "outcome=\"401\"")).isZero();
            assertThat(sample(scrape, "finsify_sync_changes_total", "type=\"ADDED\"")).isPositive();
            assertThat(scrape).contains("finsify_logins_needing_user ", "finsify_sync_lag_oldest_seconds{");
        } finally {
            demo.close();
        }
        finished.join();
    }
}
