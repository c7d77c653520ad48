package io.github.camelfinsify.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs the standalone sandbox in its own JVM with a 128 MB heap and streams user_many's 1,000,000
 * transactions (a few hundred MB of JSON) out of it: only possible if no layer holds the body in memory.
 */
class ForkedJvmStreamingTest {

    private static final int MANY = 1_000_000;
    private StandaloneProcess sandbox;

    @AfterEach
    void stopProcess() throws InterruptedException {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void millionTransactionsStreamFromASandboxWith128MbOfHeap() throws Exception {
        sandbox = StandaloneProcess.start(List.of("-Xmx128m"), "--many", String.valueOf(MANY));
        Pattern ready = Pattern.compile("FINSIFY SANDBOX READY .* base-url=(\\S+) .*");
        Matcher readyLine = ready.matcher(sandbox.awaitLine(line -> ready.matcher(line).matches()));
        assertThat(readyLine.matches()).isTrue();
        String baseUrl = readyLine.group(1);

        String adminUrl = baseUrl.replace("/v2", "/sandbox/logins");
        HttpResponse<String> created = Http.CLIENT.send(HttpRequest.newBuilder(URI.create(adminUrl))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"user_many\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);
        var login = Http.MAPPER.readTree(created.body());

        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/transaction?account_id="
                        + login.path("account_ids").get(0).asLong()))
                .timeout(Duration.ofSeconds(80))
                .header("client-id", FinsifySandbox.DEFAULT_CLIENT_ID)
                .header("service-secret", FinsifySandbox.DEFAULT_SERVICE_SECRET)
                .header("login-secret", login.path("secret").asText())
                .header("content-type", "application/json")
                .GET().build();
        HttpResponse<InputStream> response = Http.CLIENT.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);

        long ids = 0;
        long bytes;
        try (InputStream body = response.body(); CountingStream counting = new CountingStream(body);
                JsonParser parser = new JsonFactory().createParser(counting)) {
            int depth = 0;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    depth++;
                } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    depth--;
                } else if (token == JsonToken.FIELD_NAME && depth == 3 && "id".equals(parser.currentName())) {
                    ids++;
                }
            }
            bytes = counting.count;
        }
        assertThat(ids).isEqualTo(MANY);
        assertThat(bytes).as("body larger than the sandbox's whole heap").isGreaterThan(128L * 1024 * 1024);
        assertThat(sandbox.isAlive()).as("the sandbox survived").isTrue();
    }

    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
