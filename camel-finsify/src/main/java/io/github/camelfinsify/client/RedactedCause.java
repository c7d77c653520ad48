package io.github.camelfinsify.client;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;

/**
 * Stands in for a cause whose message may quote the response body: Jackson quotes the tokens it cannot read, and the
 * API echoes login secrets. It keeps the original's type name, where in the body it failed, and its stack trace.
 */
final class RedactedCause extends IOException {

    private static final long serialVersionUID = 1L;

    private RedactedCause(String message, Throwable original, Throwable cause) {
        super(message, cause);
        setStackTrace(original.getStackTrace());
    }

    /** The chain of {@code failure}, each message made safe; the original when nothing in it needs it. */
    static Throwable of(Throwable failure, SecretRedactor redactor) {
        if (failure == null || isSafe(failure, redactor)) {
            return failure;
        }
        return new RedactedCause(describe(failure, redactor), failure, of(failure.getCause(), redactor));
    }

    /** What went wrong, without any text taken from the body. */
    static String describe(Throwable failure, SecretRedactor redactor) {
        String type = failure.getClass().getSimpleName();
        if (failure instanceof JsonProcessingException json) {
            StringBuilder where = new StringBuilder(type);
            if (json instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
                where.append(" at ").append(path(mapping));
            }
            JsonLocation location = json.getLocation();
            if (location != null) {
                where.append(" (line ").append(location.getLineNr()).append(", column ")
                        .append(location.getColumnNr()).append(')');
            }
            return where.toString();
        }
        return failure.getMessage() == null ? type : type + ": " + redactor.redact(failure.getMessage());
    }

    private static boolean isSafe(Throwable failure, SecretRedactor redactor) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof JsonProcessingException
                || t.getMessage() != null && !t.getMessage().equals(redactor.redact(t.getMessage()))) {
                return false;
            }
        }
        return true;
    }

    private static String path(JsonMappingException mapping) {
        StringBuilder path = new StringBuilder("$");
        for (JsonMappingException.Reference reference : mapping.getPath()) {
            if (reference.getFieldName() != null) {
                path.append('.').append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
