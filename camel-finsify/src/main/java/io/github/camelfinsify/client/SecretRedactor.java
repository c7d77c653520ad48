package io.github.camelfinsify.client;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.camelfinsify.model.Masking;

/**
 * Removes secrets from text the API sends back before it reaches an exception, a log line or a caller. The API
 * echoes the login secret in {@code LoginNotFound} ({@code "Cannot find Login with login secret: '...'"} and
 * {@code extra.loginSecret}); both the secrets known to the request and anything named a secret are masked.
 */
final class SecretRedactor {

    // "secret: 'abc'", "secret \"abc\"", "secret=abc": the value after a word ending in "secret"
    private static final Pattern SECRET_VALUE = Pattern.compile(
            "(?i)(secret\\s*[:=]?\\s*)(['\"]?)([^'\"\\s,}]{4,})(\\2)");

    private final List<String> knownSecrets;

    SecretRedactor(Collection<String> knownSecrets) {
        this.knownSecrets = knownSecrets.stream().filter(s -> s != null && !s.isEmpty()).toList();
    }

    String redact(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String secret : knownSecrets) {
            result = result.replace(secret, Masking.mask(secret));
        }
        Matcher matcher = SECRET_VALUE.matcher(result);
        StringBuilder sb = new StringBuilder();
        while (matcher.find()) {
            String value = matcher.group(3);
            String masked = value.startsWith("****") ? value : Masking.mask(value);
            matcher.appendReplacement(sb,
                    Matcher.quoteReplacement(matcher.group(1) + matcher.group(2) + masked + matcher.group(4)));
        }
        matcher.appendTail(sb);
        return sb.toString();
    }

    /** Masks every value whose key names a secret, and every known secret anywhere in the values. */
    Map<String, Object> redactAll(Map<String, Object> extra) {
        Map<String, Object> result = new LinkedHashMap<>();
        extra.forEach((key, value) -> result.put(key, redactValue(key, value)));
        return result;
    }

    private Object redactValue(String key, Object value) {
        if (value instanceof String s) {
            return key.toLowerCase(Locale.ROOT).contains("secret") || key.toLowerCase(Locale.ROOT).contains("token")
                    ? Masking.mask(s) : redact(s);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> nested = new LinkedHashMap<>();
            map.forEach((k, v) -> nested.put(String.valueOf(k), redactValue(String.valueOf(k), v)));
            return nested;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(v -> redactValue(key, v)).toList();
        }
        return value;
    }
}
