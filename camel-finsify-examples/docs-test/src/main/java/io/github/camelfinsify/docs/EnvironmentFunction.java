package io.github.camelfinsify.docs;

import java.util.Locale;
import java.util.Map;

import org.apache.camel.spi.PropertiesFunction;

/**
 * Camel's {@code {{env:NAME}}} and {@code {{env:NAME:default}}}, reading the page's environment before the JVM's:
 * a Java process cannot set its own environment variables, and the docs' snippets read theirs.
 */
final class EnvironmentFunction implements PropertiesFunction {

    private final Map<String, String> environment;

    EnvironmentFunction(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public String getName() {
        return "env";
    }

    @Override
    public String apply(String remainder) {
        int colon = remainder.indexOf(':');
        String name = colon < 0 ? remainder : remainder.substring(0, colon);
        String fallback = colon < 0 ? null : remainder.substring(colon + 1);
        String value = lookup(name);
        if (value == null) {
            // as Camel's own function: my.key finds MY_KEY
            value = lookup(name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"));
        }
        return value != null ? value : fallback;
    }

    private String lookup(String name) {
        String value = environment.get(name);
        return value != null ? value : System.getenv(name);
    }
}
