package io.github.camelfinsify.client;

/**
 * The API's envelope: the {@code data} and the {@code version} of the API that answered (may be {@code null}).
 */
public record FinsifyResponse<T>(T data, String version) {
}
