package io.github.camelfinsify.client;

/**
 * Told about every HTTP call a {@link FinsifyClient} makes and every retry it decides on, for metrics. Called on the
 * calling thread: implementations must be quick and thread-safe. The operation names a call by method and path
 * ({@code GET /account}); it never holds a secret, a login id or a query.
 */
public interface FinsifyCallListener {

    /** Hears nothing. */
    FinsifyCallListener NONE = new FinsifyCallListener() {
    };

    /**
     * One HTTP attempt ended, when its response head arrived or its request failed.
     *
     * @param status        the HTTP status, or 0 when no response came
     * @param error         the mapped error, or {@code null} for a successful response
     * @param durationNanos from sending the request to the response head (or the failure)
     */
    default void onCall(String operation, int status, FinsifyErrorCode error, long durationNanos) {
    }

    /** A failed attempt of {@code operation} is tried again. */
    default void onRetry(String operation) {
    }
}
