package io.github.camelfinsify;

/**
 * How a transaction changed since the sync feed last delivered it.
 */
public enum ChangeType {
    /** Not delivered before. */
    ADDED,
    /** Delivered before with other content (amount, description, date, ...). */
    MODIFIED,
    /** Delivered before and no longer listed by the API. */
    REMOVED
}
