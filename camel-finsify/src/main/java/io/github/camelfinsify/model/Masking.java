package io.github.camelfinsify.model;

/**
 * Masks secrets for display: at most the last four characters stay, and only of secrets long enough that four
 * characters do not give them away.
 */
public final class Masking {

    private static final int VISIBLE = 4;
    private static final int MIN_LENGTH_TO_SHOW_TAIL = 12;

    private Masking() {
    }

    public static String mask(String secret) {
        if (secret == null) {
            return null;
        }
        if (secret.length() < MIN_LENGTH_TO_SHOW_TAIL) {
            return "****";
        }
        return "****" + secret.substring(secret.length() - VISIBLE);
    }
}
