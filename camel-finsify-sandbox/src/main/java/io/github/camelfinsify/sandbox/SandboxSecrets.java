package io.github.camelfinsify.sandbox;

/** Masking of secrets for the sandbox's own log lines and {@code toString()}s. */
final class SandboxSecrets {

    private SandboxSecrets() {
    }

    static String mask(String secret) {
        if (secret == null) {
            return "null";
        }
        if (secret.length() <= 4) {
            return "****";
        }
        return "****" + secret.substring(secret.length() - 4);
    }
}
