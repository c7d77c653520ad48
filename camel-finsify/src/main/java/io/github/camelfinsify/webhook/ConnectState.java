package io.github.camelfinsify.webhook;

import java.time.Instant;

/**
 * A connect state that {@link ConnectStateSigner} verified: the customer whose token started the connect.
 *
 * @param customerId the Finsify customer id the state was signed for
 * @param nonce      the state's random id, the key that makes it single-use
 * @param expiresAt  when the state stops being accepted
 */
public record ConnectState(String customerId, String nonce, Instant expiresAt) {
}
