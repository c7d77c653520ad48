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
 *
 * <p>A token is printable ASCII without spaces or commas: an HTTP header carries bytes, not text, so a token outside
 * ASCII would be read differently from a header and from a URL-encoded query parameter.
 */
public final class WebhookTokens {

    private final List<byte[]> digests;

    private WebhookTokens(List<byte[]> digests) {
        this.digests = digests;
    }

    /**
     * @param  commaSeparated           one or more tokens
     * @param  noneAllowed              whether no token at all is allowed (then every request is accepted)
     * @throws IllegalArgumentException naming the option (never quoting a token) when there is none and none is not
     *                                  allowed, or a token is not printable ASCII
     */
    public static WebhookTokens of(String commaSeparated, boolean noneAllowed) {
        List<String> tokens = commaSeparated == null ? List.of()
                : Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
        if (tokens.isEmpty() && !noneAllowed) {
            throw new IllegalArgumentException("finsify:webhook needs option webhookToken (one or more comma-separated "
                                               + "tokens; it was missing or blank), or allowUnauthenticated=true when "
                                               + "a gateway in front authenticates the sender");
        }
        for (int i = 0; i < tokens.size(); i++) {
            if (!tokens.get(i).chars().allMatch(c -> c > ' ' && c < 0x7f)) {
                throw new IllegalArgumentException("Option webhookToken: token " + (i + 1) + " of " + tokens.size()
                                                   + " has a character that is not printable ASCII (or a space): "
                                                   + "HTTP headers and URLs carry tokens of printable ASCII only");
            }
        }
        return new WebhookTokens(tokens.stream().map(WebhookTokens::digest).toList());
    }

    /** Whether a request must present a token; false only when none is configured and none is allowed. */
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
