package io.github.camelfinsify.model;

/**
 * An event Finsify posts to the webhook URL.
 */
public sealed interface FinsifyEvent permits NewTransactionsEvent, LoginStatusEvent, UnknownEvent {

    /** The value of header {@code CamelFinsifyEventType}: {@code newTransactions}, {@code loginStatus} or {@code unknown}. */
    String eventType();
}
