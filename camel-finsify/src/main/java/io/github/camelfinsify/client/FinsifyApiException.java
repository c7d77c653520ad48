package io.github.camelfinsify.client;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A failed call to the Finsify API. The message and {@link #extra()} never hold a secret: the API echoes login
 * secrets back in some errors, and those values are masked before they get here.
 */
public class FinsifyApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int statusCode;
    private final FinsifyErrorCode errorCode;
    private final String errorName;
    private final transient Map<String, Object> extra;
    private final Duration retryAfter;

    public FinsifyApiException(String message, int statusCode, FinsifyErrorCode errorCode, String errorName,
                               Map<String, Object> extra, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.statusCode = statusCode;
        this.errorCode = errorCode;
        this.errorName = errorName;
        this.extra = extra == null ? Map.of() : Map.copyOf(extra);
        this.retryAfter = retryAfter;
    }

    /** The HTTP status, or -1 when no response came. */
    public int statusCode() {
        return statusCode;
    }

    public FinsifyErrorCode errorCode() {
        return errorCode;
    }

    /** The API's raw {@code error} value, or {@code null} when the response had none. */
    public String errorName() {
        return errorName;
    }

    /** The API's {@code extra} object, with secrets masked. */
    public Map<String, Object> extra() {
        return extra;
    }

    /** The delay the server asked for with {@code Retry-After}, if it did. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** Whether the same request may succeed later: server errors (5xx), rate limiting (429) and network failures. */
    public boolean isRetryable() {
        return statusCode >= 500 || statusCode == 429 || errorCode == FinsifyErrorCode.NETWORK
                || errorCode == FinsifyErrorCode.RATE_LIMITED;
    }
}
