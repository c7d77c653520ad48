package io.github.camelfinsify.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;

/**
 * The webhook tokens a request may carry. Several can be valid at once, so a token can be rotated without downtime.
 * Tokens are compared as SHA-256 digests with {@link MessageDigest#isEqual}: the time taken does not depend on how much
 * of a guess is right, nor on the token's length.
 */
public final class WebhookTokens {

    private final List<byte[]> digests;

    /** @param commaSeparated one or more tokens; blank means no token is required */
    public WebhookTokens(String commaSeparated) {
        this.digests = commaSeparated == null ? List.of()
                : Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(t -> !t.isEmpty())
                        .map(WebhookTokens::digest).toList();
    }

    public boolean isRequired() {
        return !digests.isEmpty();
    }

    /** Whether the presented token is one of the valid ones (always true when none is required). */
    public boolean accepts(String presented) {
        if (!isRequired()) {
            return true;
        }
        if (presented == null) {
            return false;
        }
        byte[] digest = digest(presented);
        boolean match = false;
        for (byte[] valid : digests) {
            match |= MessageDigest.isEqual(valid, digest); // no early exit: every token is compared
        }
        return match;
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    @Override
    public String toString() {
        return "WebhookTokens[" + digests.size() + " token(s)]";
    }
}
