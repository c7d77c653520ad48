package io.github.camelfinsify;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Reads the API's dates ({@code YYYY-MM-DD}) from options and headers, with an error that names where the bad value
 * came from.
 */
final class FinsifyDates {

    private FinsifyDates() {
    }

    static LocalDate parse(Object value, String source) {
        if (value == null) {
            return null;
        }
        if (value instanceof LocalDate date) {
            return date;
        }
        String text = value.toString().trim();
        if (text.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(source + " must be a date as YYYY-MM-DD, was '" + text + "'", e);
        }
    }
}
