package io.github.camelfinsify.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Who may use the admin APIs: the sandbox's own ({@code /sandbox/...}) and, when switched on, WireMock's
 * ({@code /__admin}). Without a token everyone may (the sandbox then listens on loopback only); with one, a
 * request must carry {@code Authorization: Bearer <token>}.
 */
final class AdminAccess {

    static final String HEADER = "Authorization";
    static final String CHALLENGE = "Bearer realm=\"finsify-sandbox\"";
    private static final String SCHEME = "Bearer ";
    /** RFC 6750's b64token: what fits in the header as it is. */
    private static final Pattern TOKEN_CHARS = Pattern.compile("[A-Za-z0-9._~+/-]+=*");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] token;

    AdminAccess(String token) {
        this.token = token == null ? null : token.getBytes(StandardCharsets.US_ASCII);
    }

    boolean open() {
        return token == null;
    }

    /** Whether a request with this {@code Authorization} header value ({@code null} if absent) may pass. */
    boolean permits(String authorization) {
        if (token == null) {
            return true;
        }
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return false;
        }
        byte[] given = authorization.substring(SCHEME.length()).trim().getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(given, token);
    }

    /** A random token of 32 URL-safe characters (192 bits). */
    static String generateToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The token if it can travel as a bearer token; otherwise an error that names the option, not the value. */
    static String requireValidToken(String token, String option) {
        if (token == null || !TOKEN_CHARS.matcher(token).matches()) {
            throw new IllegalArgumentException(option + " must be a non-empty bearer token: letters, digits and"
                    + " . _ ~ + / - (then = padding) only");
        }
        return token;
    }
}
