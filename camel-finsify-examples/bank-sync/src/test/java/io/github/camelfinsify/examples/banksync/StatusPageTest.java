package io.github.camelfinsify.examples.banksync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.camelfinsify.model.Account;
import io.github.camelfinsify.model.Masking;
import io.github.camelfinsify.sandbox.SandboxTransaction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/** {@code --follow} serves a status page on the app's HTTP server: logins, lag, last changes, webhook events. */
class StatusPageTest {

    private static final Path SCREENSHOT = Path.of("target", "status-page.png");

    @TempDir
    static Path dir;

    /** One demo for the class: each start runs the whole backfill. */
    private static BankSync demo;
    private static DemoRun run;
    private static String statusUrl;

    @BeforeAll
    static void followingDemo() {
        run = new DemoRun(dir, false);
        demo = new BankSync(run.options.withFollow(true));
        run.follow(demo);
        Matcher url = Pattern.compile("Status page: (\\S+)").matcher(run.output());
        assertThat(url.find()).as("the status page's URL in the output").isTrue();
        statusUrl = url.group(1);
    }

    @AfterAll
    static void stop() {
        demo.close();
    }

    @Test
    void aBrowserSeesTheLoginTheWebhookEventsAndTheChangesAWebhookJustApplied() throws Exception {
        Account account = demo.accounts().get(0);
        List<SandboxTransaction> added = demo.sandbox().addTransactions(account.id(), 2);

        try (Chromium chromium = Chromium.open(1280, 900)) {
            chromium.driver.get(statusUrl);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                String changes = chromium.driver.findElement(By.id("changes")).getText();
                for (SandboxTransaction t : added) {
                    assertThat(changes).contains(Long.toString(t.id())).contains(t.description());
                }
            });
            String logins = chromium.driver.findElement(By.id("logins")).getText();
            String webhooks = chromium.driver.findElement(By.id("webhooks")).getText();
            chromium.screenshot(SCREENSHOT);

            assertThat(logins).contains(Masking.maskId(account.loginId()))
                    .doesNotContain(Long.toString(account.loginId()));
            // the four events of the demo's changes, and the one that announced the two transactions added here
            assertThat(webhooks).contains("transaction events applied 5");
            assertThat(chromium.driver.findElements(By.cssSelector("#changes tr"))).hasSize(StatusBoard.LAST_CHANGES);
        }
        assertThat(Files.size(SCREENSHOT)).isPositive();
    }

    @Test
    void theStatusDataAnswersGetOnlyAndHoldsNoSecret() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI json = URI.create(statusUrl + ".json");

        HttpResponse<String> get = http.send(HttpRequest.newBuilder(json).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(json)
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.headers().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(get.body()).contains("\"lagSeconds\"").contains("\"lastChanges\"")
                .doesNotContain(demo.sandbox().serviceSecret());
        assertThat(post.statusCode()).isEqualTo(405);
    }
}
