package io.github.camelfinsify.model;

import java.util.Locale;

/**
 * The three sizes every service cover image exists in.
 */
public enum CoverSize {
    SMALL,
    MEDIUM,
    LARGE;

    /** The suffix the media server uses: {@code small}, {@code medium} or {@code large}. */
    public String suffix() {
        return name().toLowerCase(Locale.ROOT);
    }
}
