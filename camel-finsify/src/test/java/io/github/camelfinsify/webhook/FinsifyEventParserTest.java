package io.github.camelfinsify.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.List;

import io.github.camelfinsify.model.FinsifyEvent;
import io.github.camelfinsify.model.LoginStatus;
import io.github.camelfinsify.model.LoginStatusEvent;
import io.github.camelfinsify.model.NewTransactionsEvent;
import io.github.camelfinsify.model.UnknownEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.github.camelfinsify.test.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Which webhook bodies are which event, and which are refused (the list in docs/webhooks-and-connect.md).
 */
class FinsifyEventParserTest {

    private final FinsifyEventParser parser = new FinsifyEventParser();

    private FinsifyEvent parse(String body) throws InvalidWebhookException {
        return parser.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void referenceSamplesAreTypedEvents() throws Exception {
        assertThat(parse(json("webhook-new-transactions"))).isEqualTo(new NewTransactionsEvent(21000,
                Instant.ofEpochMilli(1467331200000L), List.of(19316L), 1, "hsSU83HnX"));
        assertThat(parse(json("webhook-login-status"))).isEqualTo(new LoginStatusEvent(538,
                LoginStatus.WRONG_CREDENTIALS, "login_wrong_credentials"));
    }

    @Test
    void loginStatusWithAnExtraFieldIsStillALoginStatusEvent() throws Exception {
        FinsifyEvent event = parse("{\"status\":\"login_account_locked\",\"login_id\":538,"
                                   + "\"updated_at\":\"2026-12-01T10:00:00Z\"}");

        assertThat(event).isEqualTo(new LoginStatusEvent(538, LoginStatus.ACCOUNT_LOCKED, "login_account_locked"));
    }

    @Test
    void referenceIdWithoutAccountsIsAnUnknownEvent() throws Exception {
        FinsifyEvent event = parse("{\"referenceId\":\"r-1\",\"login_id\":21000,\"event\":\"login_deleted\"}");

        assertThat(event).isInstanceOfSatisfying(UnknownEvent.class,
                e -> assertThat(e.payload().get("referenceId").asText()).isEqualTo("r-1"));
    }

    @Test
    void accountsWithoutCountOrReferenceIdIsAnUnknownEvent() throws Exception {
        assertThat(parse("{\"login_id\":21000,\"accounts\":[{\"id\":19316}]}")).isInstanceOf(UnknownEvent.class);
    }

    @Test
    void accountRepeatedWithinOneEventIsListedOnceInFirstSeenOrder() throws Exception {
        String accounts = String.join(",", Collections.nCopies(200, "{\"id\":19316}"));

        FinsifyEvent event = parse("{\"login_id\":21000,\"accounts\":[{\"id\":7}," + accounts
                                   + ",{\"id\":7},{\"id\":3}],\"new\":200,\"referenceId\":\"r-2\"}");

        assertThat(event).isInstanceOfSatisfying(NewTransactionsEvent.class,
                e -> assertThat(e.accountIds()).containsExactly(7L, 19316L, 3L));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"status\":\"login_wrong_credentials\",\"login_id\":538} x",
            "{\"status\":\"login_wrong_credentials\",\"login_id\":538}{\"login_id\":1}",
            "{\"status\":\"login_wrong_credentials\",\"login_id\":538}]"})
    void trailingContentAfterTheObjectIsRefused(String body) {
        assertThatThrownBy(() -> parse(body)).isInstanceOf(InvalidWebhookException.class)
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void trailingWhitespaceIsNoContent() throws Exception {
        assertThat(parse(json("webhook-login-status") + " \r\n\t")).isInstanceOf(LoginStatusEvent.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "{\"login_id\": 21000,",
            "[1,2,3]",
            "\"text\"",
            "null",
            // a new-transactions event (accounts with new or referenceId) with a field of the wrong type or missing
            "{\"accounts\":[{\"id\":1}],\"new\":1}",
            "{\"login_id\":\"x\",\"accounts\":[{\"id\":1}],\"new\":1}",
            "{\"login_id\":1,\"accounts\":\"all\",\"referenceId\":\"b\"}",
            "{\"login_id\":1,\"accounts\":[1],\"referenceId\":\"b\"}",
            "{\"login_id\":1,\"accounts\":[{\"id\":\"1\"}],\"referenceId\":\"b\"}",
            "{\"login_id\":1,\"accounts\":[{\"id\":1}],\"new\":-1}",
            "{\"login_id\":1,\"accounts\":[{\"id\":1}],\"new\":1.5}",
            "{\"login_id\":1,\"accounts\":[{\"id\":1}],\"referenceId\":7}",
            "{\"login_id\":1,\"accounts\":[{\"id\":1}],\"new\":1,\"timestamp\":\"yesterday\"}",
            // a login-status event (status and login_id, no new-transactions fields) with a field of the wrong type
            "{\"status\":1,\"login_id\":538}",
            "{\"status\":\"login_account_locked\",\"login_id\":\"538\"}",
            "{\"status\":\"login_account_locked\",\"login_id\":123456789012345678901234567890}"})
    void bodiesThatAreNotEventsAreRefused(String body) {
        assertThatThrownBy(() -> parse(body)).isInstanceOf(InvalidWebhookException.class);
    }
}
