package io.github.camelfinsify.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import io.github.camelfinsify.webhook.InvalidConnectStateException.Reason;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The signed connect state: it names the customer whose token started the connect, nobody without the key can make or
 * change one, and it is accepted until it expires, once.
 */
class ConnectStateSignerTest {

    private static final String KEY = "k3Y-for-tests-0123456789abcdefghijklmnop";
    private static final String CUSTOMER = "b1a6c6a4-2c1e-4c56-9a0f-3f3c2a8e5d71";
    private static final Instant SIGNED_AT = Instant.parse("2026-12-01T10:00:00Z");

    private final ConnectStateSigner signer = signerAt(SIGNED_AT);
    private final Set<String> used = new HashSet<>();

    private static ConnectStateSigner signerAt(Instant now) {
        return new ConnectStateSigner(KEY, ConnectStateSigner.DEFAULT_TTL, Clock.fixed(now, ZoneOffset.UTC));
    }

    private static Reason refusal(ConnectStateSigner verifier, String state, Predicate<String> firstUse) {
        return catchThrowableOfType(InvalidConnectStateException.class, () -> verifier.verify(state, firstUse))
                .reason();
    }

    @Test
    void aStateVerifiesAsTheCustomerItWasSignedFor() throws Exception {
        ConnectState state = signer.verify(signer.sign(CUSTOMER), used::add);

        assertThat(state.customerId()).isEqualTo(CUSTOMER);
        assertThat(state.expiresAt()).isEqualTo(SIGNED_AT.plus(Duration.ofMinutes(30)));
        assertThat(used).containsExactly(state.nonce());
    }

    @Test
    void aStateIsOnePathSegmentOfUrlSafeCharacters() {
        assertThat(signer.sign("customer/with?odd#chars and spaces")).matches("[A-Za-z0-9._-]+");
    }

    @Test
    void twoStatesForTheSameCustomerDiffer() throws Exception {
        String first = signer.sign(CUSTOMER);
        String second = signer.sign(CUSTOMER);

        assertThat(first).isNotEqualTo(second);
        assertThat(signer.verify(first, used::add).nonce()).isNotEqualTo(signer.verify(second, used::add).nonce());
    }

    @Test
    void aStateWithAnyOneCharacterChangedIsRefusedAndNotClaimed() {
        String state = signer.sign(CUSTOMER);
        List<Integer> accepted = new ArrayList<>();
        for (int i = 0; i < state.length(); i++) {
            char changed = state.charAt(i) == 'A' ? 'B' : 'A';
            String tampered = state.substring(0, i) + changed + state.substring(i + 1);
            try {
                signer.verify(tampered, used::add);
                accepted.add(i);
            } catch (InvalidConnectStateException e) {
                assertThat(e.reason()).isIn(Reason.FORGED, Reason.MALFORMED);
            }
        }
        assertThat(accepted).as("positions where a changed character was accepted").isEmpty();
        assertThat(used).as("nonces claimed by tampered states").isEmpty();
    }

    @Test
    void aStateCannotBeMovedToAnotherCustomer() {
        String[] parts = signer.sign(CUSTOMER).split("\\.");
        parts[3] = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("another-customer".getBytes(StandardCharsets.UTF_8));

        assertThat(refusal(signer, String.join(".", parts), used::add)).isEqualTo(Reason.FORGED);
        assertThat(used).isEmpty();
    }

    @Test
    void aStateSignedWithAnotherKeyIsForged() {
        ConnectStateSigner other = new ConnectStateSigner("another-key-0123456789abcdefghijklmnop",
                ConnectStateSigner.DEFAULT_TTL, Clock.fixed(SIGNED_AT, ZoneOffset.UTC));

        assertThat(refusal(signer, other.sign(CUSTOMER), used::add)).isEqualTo(Reason.FORGED);
    }

    @Test
    void aStateIsAcceptedUntilItsLifetimeEnds() throws Exception {
        String state = signer.sign(CUSTOMER);
        String other = signer.sign(CUSTOMER);

        assertThat(signerAt(SIGNED_AT.plus(Duration.ofMinutes(30)).minusSeconds(1)).verify(state, used::add)
                .customerId()).isEqualTo(CUSTOMER);
        assertThat(refusal(signerAt(SIGNED_AT.plus(Duration.ofMinutes(30))), other, used::add))
                .isEqualTo(Reason.EXPIRED);
        assertThat(used).as("the expired state is not claimed").hasSize(1);
    }

    @Test
    void theLifetimeIsTheSignersOwn() throws Exception {
        ConnectStateSigner shortLived = new ConnectStateSigner(KEY, Duration.ofMinutes(5),
                Clock.fixed(SIGNED_AT, ZoneOffset.UTC));

        assertThat(shortLived.verify(shortLived.sign(CUSTOMER), used::add).expiresAt())
                .isEqualTo(SIGNED_AT.plus(Duration.ofMinutes(5)));
    }

    @Test
    void aStateIsAcceptedOnce() throws Exception {
        String state = signer.sign(CUSTOMER);
        signer.verify(state, used::add);

        assertThat(refusal(signer, state, used::add)).isEqualTo(Reason.REPLAYED);
    }

    @Test
    void aMissingStateIsRefused() {
        assertThat(refusal(signer, null, used::add)).isEqualTo(Reason.MISSING);
        assertThat(refusal(signer, "", used::add)).isEqualTo(Reason.MISSING);
    }

    @Test
    void somethingThatIsNotAStateIsMalformed() {
        for (String notAState : new String[] { "%7B%22status%22%3A%22success%22%7D", "v1.1.2.3", "v2.1.2.3.4",
                                               "v1.1.2.3.4.5", "x".repeat(10_000) }) {
            assertThat(refusal(signer, notAState, used::add)).as(notAState).isIn(Reason.MALFORMED, Reason.FORGED);
        }
        assertThat(used).isEmpty();
    }

    @Test
    void theCallbackUrlGetsTheStateAsItsLastPathSegment() throws Exception {
        String url = signer.signCallbackUrl("https://app.example.com/finsify/connect", CUSTOMER);
        String trailingSlash = signer.signCallbackUrl("https://app.example.com/finsify/connect/", CUSTOMER);

        assertThat(url).startsWith("https://app.example.com/finsify/connect/").doesNotContain(KEY);
        assertThat(trailingSlash).startsWith("https://app.example.com/finsify/connect/v1.");
        String state = url.substring("https://app.example.com/finsify/connect/".length());
        assertThat(signer.verify(state, used::add).customerId()).isEqualTo(CUSTOMER);
    }

    @Test
    void aCallbackUrlWithAQueryOrAFragmentCannotCarryAState() {
        assertThatThrownBy(() -> signer.signCallbackUrl("https://app.example.com/cb?x=1", CUSTOMER))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("query");
        assertThatThrownBy(() -> signer.signCallbackUrl("https://app.example.com/cb#x", CUSTOMER))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fragment");
    }

    @Test
    void aStateNeedsACustomer() {
        assertThatThrownBy(() -> signer.sign(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("customer id");
    }

    @Test
    void aShortKeyIsRefusedWithoutBeingQuoted() {
        String shortKey = "too-short-a-key-29-characters";

        assertThatThrownBy(() -> new ConnectStateSigner(shortKey, ConnectStateSigner.DEFAULT_TTL, Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 32 bytes")
                .hasMessageNotContaining(shortKey);
        assertThatThrownBy(() -> new ConnectStateSigner(" ", ConnectStateSigner.DEFAULT_TTL, Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSignerShowsNoKey() {
        assertThat(signer.toString()).doesNotContain(KEY);
    }
}
