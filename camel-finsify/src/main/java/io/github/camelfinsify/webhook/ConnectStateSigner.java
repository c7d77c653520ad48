package io.github.camelfinsify.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Predicate;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import static io.github.camelfinsify.webhook.InvalidConnectStateException.Reason.EXPIRED;
import static io.github.camelfinsify.webhook.InvalidConnectStateException.Reason.FORGED;
import static io.github.camelfinsify.webhook.InvalidConnectStateException.Reason.MALFORMED;
import static io.github.camelfinsify.webhook.InvalidConnectStateException.Reason.MISSING;
import static io.github.camelfinsify.webhook.InvalidConnectStateException.Reason.REPLAYED;

/**
 * Signs and verifies the state that ties a connect callback to the customer whose token started the connect, so a
 * browser cannot bring someone else's connect result (login CSRF).
 * <p>
 * A state is one URL path segment, {@code v1.<expiry>.<nonce>.<customer>.<signature>}: the expiry in epoch seconds,
 * 16 random bytes, the customer id (both base64url) and an HMAC-SHA256 of the rest. It carries no secret; the customer id
 * can be read by whoever sees the URL, but not changed. A state is accepted until it expires, and once.
 */
public final class ConnectStateSigner {

    /** How long a state is accepted: as long as a connect token lives (the sandbox's default). */
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(30);

    /** HMAC-SHA256 wants a key at least as long as its output. */
    public static final int MIN_KEY_BYTES = 32;

    private static final String VERSION = "v1";
    private static final String ALGORITHM = "HmacSHA256";
    /** Signed in front of every state, so a MAC made with the same key for something else never passes as one. */
    private static final byte[] PURPOSE = "finsify-connect-state:".getBytes(StandardCharsets.UTF_8);
    private static final int NONCE_BYTES = 16;
    private static final int MAX_CUSTOMER_ID_BYTES = 256;
    private static final int MAX_STATE_LENGTH = 512;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;
    private final Duration ttl;
    private final Clock clock;

    /**
     * @param key   the signing key, at least {@value #MIN_KEY_BYTES} bytes in UTF-8
     * @param ttl   how long a state is accepted
     * @param clock what "now" is, for expiry
     */
    public ConnectStateSigner(String key, Duration ttl, Clock clock) {
        if (key == null || key.getBytes(StandardCharsets.UTF_8).length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("The connect signing key must be at least " + MIN_KEY_BYTES
                                               + " bytes long: generate one, e.g. with openssl rand -base64 32");
        }
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("The connect state's lifetime must be positive, was " + ttl);
        }
        this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.ttl = ttl;
        this.clock = clock;
    }

    /** A new state for the customer, valid for the lifetime from now. */
    public String sign(String customerId) {
        if (customerId == null || customerId.isBlank()) {
            throw new IllegalArgumentException("A connect state needs the customer id it is for");
        }
        byte[] customer = customerId.getBytes(StandardCharsets.UTF_8);
        if (customer.length > MAX_CUSTOMER_ID_BYTES) {
            throw new IllegalArgumentException("A connect state takes a customer id of at most "
                                               + MAX_CUSTOMER_ID_BYTES + " bytes");
        }
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        long expiry = clock.instant().plus(ttl).getEpochSecond();
        String signed = VERSION + "." + expiry + "." + BASE64URL.encodeToString(nonce) + "."
                        + BASE64URL.encodeToString(customer);
        return signed + "." + BASE64URL.encodeToString(mac(signed));
    }

    /**
     * The callback URL with a new state for the customer as its last path segment. Finsify appends its result to the
     * URL's path, so a URL with a query or a fragment cannot carry a state.
     */
    public String signCallbackUrl(String callbackUrl, String customerId) {
        if (callbackUrl == null || callbackUrl.isBlank()) {
            throw new IllegalArgumentException("A signed connect needs a callback URL");
        }
        if (callbackUrl.indexOf('?') >= 0 || callbackUrl.indexOf('#') >= 0) {
            throw new IllegalArgumentException("The callback URL of a signed connect cannot have a query or a "
                                               + "fragment: Finsify appends its result to the URL's path");
        }
        String base = callbackUrl.endsWith("/") ? callbackUrl.substring(0, callbackUrl.length() - 1) : callbackUrl;
        return base + "/" + sign(customerId);
    }

    /**
     * Verifies a state: signature, expiry, then first use.
     *
     * @param state    the state as it came back in the callback's path, or {@code null}
     * @param firstUse claims the state's nonce: true the first time it is presented, false after (e.g. an
     *                 idempotent repository's {@code add}); asked only for a state that is genuine and unexpired
     */
    public ConnectState verify(String state, Predicate<String> firstUse) throws InvalidConnectStateException {
        if (state == null || state.isEmpty()) {
            throw new InvalidConnectStateException(MISSING, "the callback carries no connect state");
        }
        if (state.length() > MAX_STATE_LENGTH) {
            throw new InvalidConnectStateException(MALFORMED, "the connect state is too long");
        }
        String[] parts = state.split("\\.", -1);
        if (parts.length != 5 || !VERSION.equals(parts[0])) {
            throw new InvalidConnectStateException(MALFORMED, "the connect state is not one this component signed");
        }
        // compared as text: base64 has several spellings of the same bytes, a state has exactly one
        byte[] presented = parts[4].getBytes(StandardCharsets.UTF_8);
        byte[] expected = BASE64URL.encodeToString(mac(state.substring(0, state.lastIndexOf('.'))))
                .getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, presented)) {
            throw new InvalidConnectStateException(FORGED, "the connect state's signature does not match");
        }
        Instant expiresAt;
        try {
            expiresAt = Instant.ofEpochSecond(Long.parseLong(parts[1]));
        } catch (RuntimeException e) {
            throw new InvalidConnectStateException(MALFORMED, "the connect state's expiry is not a time");
        }
        if (!clock.instant().isBefore(expiresAt)) {
            throw new InvalidConnectStateException(EXPIRED, "the connect state has expired");
        }
        String customerId = new String(decode(parts[3]), StandardCharsets.UTF_8);
        String nonce = parts[2];
        if (!firstUse.test(nonce)) {
            throw new InvalidConnectStateException(REPLAYED, "the connect state was used before");
        }
        return new ConnectState(customerId, nonce, expiresAt);
    }

    private static byte[] decode(String base64url) throws InvalidConnectStateException {
        try {
            return Base64.getUrlDecoder().decode(base64url);
        } catch (IllegalArgumentException e) {
            throw new InvalidConnectStateException(MALFORMED, "the connect state is not one this component signed");
        }
    }

    private byte[] mac(String signed) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM); // not thread-safe: one per call
            mac.init(key);
            mac.update(PURPOSE);
            return mac.doFinal(signed.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java platform", e);
        }
    }

    @Override
    public String toString() {
        return "ConnectStateSigner[ttl=" + ttl + "]";
    }
}
