package io.github.camelfinsify.sandbox;

import java.time.Instant;

/**
 * The outcome of one webhook delivery (all of its attempts).
 *
 * @param body       the JSON body that was posted
 * @param status     HTTP status of the last attempt, {@code -1} when it failed without a response
 * @param attempts   how many attempts were made
 * @param delivered  whether an attempt got a 2xx answer
 * @param finishedAt when the last attempt finished
 */
public record WebhookDelivery(String body, int status, int attempts, boolean delivered, Instant finishedAt) {
}
