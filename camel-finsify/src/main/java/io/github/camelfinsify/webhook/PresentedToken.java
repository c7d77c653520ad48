package io.github.camelfinsify.webhook;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the token a webhook request presents: header {@value #HEADER}, else query parameter {@value #QUERY_PARAMETER}
 * (exactly that name, once). HTTP engines copy query parameters into the same case-insensitive map as the headers, so
 * a query parameter named like the header (in any case) would pass for the header: a request that has one presents no
 * token.
 */
public final class PresentedToken {

    public static final String HEADER = "X-Finsify-Token";
    public static final String QUERY_PARAMETER = "token";

    private PresentedToken() {
    }

    /**
     * @param  header   header {@value #HEADER} as the engine handed it over: a string, {@code null} when absent, or
     *                  something else (such as a list when it was sent twice), which presents no token
     * @param  rawQuery the query string as received, still URL-encoded, or {@code null}
     * @return          the token, or {@code null} when the request presents none (or more than one)
     */
    public static String read(Object header, String rawQuery) {
        List<String> fromQuery = new ArrayList<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String parameter : rawQuery.split("&")) {
                int equals = parameter.indexOf('=');
                String name = decode(equals < 0 ? parameter : parameter.substring(0, equals));
                if (name == null || name.equalsIgnoreCase(HEADER)) {
                    return null;
                }
                if (name.equals(QUERY_PARAMETER)) {
                    fromQuery.add(equals < 0 ? "" : decode(parameter.substring(equals + 1)));
                }
            }
        }
        if (header != null) {
            return header instanceof String value ? value : null;
        }
        return fromQuery.size() == 1 ? fromQuery.get(0) : null;
    }

    private static String decode(String encoded) {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }
}
