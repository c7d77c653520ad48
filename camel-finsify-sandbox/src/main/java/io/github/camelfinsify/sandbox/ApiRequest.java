package io.github.camelfinsify.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/** An HTTP request as the sandbox's engine sees it, independent of WireMock's types. */
record ApiRequest(String method, String path, Map<String, String> query, UnaryOperator<String> headers, String body) {

    static ApiRequest of(String method, String url, UnaryOperator<String> headers, String body) {
        int q = url.indexOf('?');
        String path = q < 0 ? url : url.substring(0, q);
        Map<String, String> query = q < 0 ? Map.of() : parseForm(url.substring(q + 1));
        return new ApiRequest(method.toUpperCase(Locale.ROOT), path, query, headers,
                body == null ? "" : body);
    }

    String header(String name) {
        String value = headers.apply(name);
        return value == null ? null : value.trim();
    }

    /** Parses {@code a=1&b=2} (query strings and form bodies); the first value of a name wins. */
    static Map<String, String> parseForm(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            values.putIfAbsent(name, value);
        }
        return values;
    }
}
