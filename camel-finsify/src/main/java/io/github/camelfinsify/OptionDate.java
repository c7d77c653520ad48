package io.github.camelfinsify;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The date an option names, parsed again only when the option's text changes: parsing it on every message showed in
 * the profile of a transactions call. Thread-safe.
 */
final class OptionDate {

    private final String source;
    private volatile Parsed last;

    OptionDate(String optionName) {
        this.source = "Option " + optionName;
    }

    LocalDate of(String text) {
        Parsed parsed = last;
        if (parsed == null || !Objects.equals(parsed.text(), text)) {
            parsed = new Parsed(text, FinsifyDates.parse(text, source));
            last = parsed;
        }
        return parsed.date();
    }

    private record Parsed(String text, LocalDate date) {
    }
}
