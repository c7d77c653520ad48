package io.github.camelfinsify.model;

/**
 * Masks secrets for display: at most the last four characters stay, and only of secrets long enough that four
 * characters do not give them away. Ids (of logins, accounts) shown where anyone with a console may look keep their last
 * four digits, enough for whoever knows the login to recognise it.
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

    public static String maskId(long id) {
        String digits = Long.toString(id);
        return digits.length() <= VISIBLE ? "****" : "****" + digits.substring(digits.length() - VISIBLE);
    }
}
