package io.github.camelfinsify;

import io.github.camelfinsify.webhook.ConnectStateSigner;

/**
 * The signer of connect states for an endpoint's {@code connectSigningKey}: the producers sign with it, the connect
 * consumer verifies with it. States live {@link ConnectStateSigner#DEFAULT_TTL}, as long as a connect token.
 */
final class ConnectSigning {

    private ConnectSigning() {
    }

    /** The endpoint's signer, or {@code null} when it has no signing key; a bad key fails naming the option. */
    static ConnectStateSigner signerOf(FinsifyEndpoint endpoint) {
        String key = endpoint.getConfiguration().getConnectSigningKey();
        if (key == null) {
            return null;
        }
        try {
            return new ConnectStateSigner(key, ConnectStateSigner.DEFAULT_TTL, endpoint.getComponent().clock());
        } catch (IllegalArgumentException e) {
            // the signer's message never quotes the key
            throw new IllegalArgumentException("Option connectSigningKey: " + e.getMessage(), e);
        }
    }
}
