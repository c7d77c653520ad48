package io.github.camelfinsify.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** WireMock's own admin API ({@code /__admin}): switched off unless asked for. */
class WireMockAdminTest {

    private static String proxyMapping(String target) {
        return "{\"request\":{\"method\":\"ANY\",\"urlPathPattern\":\"/relay/.*\"},"
                + "\"response\":{\"proxyBaseUrl\":\"" + target + "\"},\"priority\":1}";
    }

    @Test
    void wireMockAdminIsRefusedByDefault() {
        try (FinsifySandbox sandbox = FinsifySandbox.builder().build().start()) {
            Http.Answer answer = Http.bare(sandbox).get("/__admin/mappings");
            assertThat(answer.status()).isEqualTo(403);
            assertThat(answer.json().path("message").asText()).contains("--wiremock-admin");
        }
    }

    @Test
    void shutdownIsRefusedByDefault() {
        try (FinsifySandbox sandbox = FinsifySandbox.builder().build().start()) {
            assertThat(Http.bare(sandbox).post("/__admin/shutdown", "").status()).isEqualTo(403);
            assertThat(sandbox.isRunning()).isTrue();
            assertThat(Http.bare(sandbox).get("/service.json").status()).isEqualTo(200);
        }
    }

    @Test
    void proxyMappingIsRefusedByDefault() {
        try (WebhookReceiver target = new WebhookReceiver();
                FinsifySandbox sandbox = FinsifySandbox.builder().build().start()) {
            Http json = Http.bare(sandbox).with("content-type", "application/json");
            assertThat(json.post("/__admin/mappings", proxyMapping(target.url(""))).status()).isEqualTo(403);

            Http.Answer relayed = Http.bare(sandbox).get("/relay/anything");
            assertThat(relayed.status()).as("answered by the sandbox, not relayed").isEqualTo(400);
            assertThat(relayed.json().path("error").asText()).isEqualTo("BadRequest");
            assertThat(target.received()).isEmpty();
        }
    }

    @Test
    void wireMockAdminOptionOpensItOnLoopback() {
        try (FinsifySandbox sandbox = FinsifySandbox.builder().wireMockAdmin(true).build().start()) {
            assertThat(Http.bare(sandbox).get("/__admin/mappings").status()).isEqualTo(200);
        }
    }

    @Test
    void wireMockAdminNeedsTheAdminTokenWhenOneIsSet() {
        try (FinsifySandbox sandbox = FinsifySandbox.builder().wireMockAdmin(true).adminToken("admin-token-1")
                .build().start()) {
            assertThat(Http.bare(sandbox).post("/__admin/shutdown", "").status()).isEqualTo(401);
            assertThat(sandbox.isRunning()).isTrue();
            assertThat(Http.bare(sandbox).with("Authorization", "Bearer wrong").get("/__admin/mappings").status())
                    .isEqualTo(401);
            assertThat(Http.bare(sandbox).with("Authorization", "Bearer admin-token-1").get("/__admin/mappings")
                    .status()).isEqualTo(200);
        }
    }
}
