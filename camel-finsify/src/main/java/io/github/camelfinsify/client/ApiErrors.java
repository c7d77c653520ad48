package io.github.camelfinsify.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;

/**
 * Turns failed responses and I/O failures into {@link FinsifyApiException}s, with every secret masked.
 */
final class ApiErrors {

    /** An error body is small; anything longer is not one the API sent. */
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final SecretRedactor redactor;

    ApiErrors(SecretRedactor redactor) {
        this.redactor = redactor;
    }

    FinsifyApiException fromResponse(String call, ClassicHttpResponse response) {
        int status = response.getCode();
        Duration retryAfter = retryAfter(response.getFirstHeader("Retry-After"));
        JsonNode body = readErrorBody(response.getEntity());
        String errorName = body != null && body.hasNonNull("error") ? body.get("error").asText() : null;
        String apiMessage = body != null && body.hasNonNull("message") ? body.get("message").asText() : null;
        Map<String, Object> extra = body != null && body.path("extra").isObject()
                ? redactor.redactAll(FinsifyJson.mapper().convertValue(body.get("extra"),
                        new TypeReference<Map<String, Object>>() {
                        }))
                : Map.of();
        // 429 is rate limiting whatever the body calls it (the API documents no name for it)
        FinsifyErrorCode code = status == 429 ? FinsifyErrorCode.RATE_LIMITED
                : errorName != null ? FinsifyErrorCode.fromErrorName(errorName) : FinsifyErrorCode.UNKNOWN;
        StringBuilder message = new StringBuilder(call).append(" failed: HTTP ").append(status);
        if (errorName != null) {
            message.append(' ').append(errorName);
        }
        if (apiMessage != null) {
            message.append(": ").append(redactor.redact(apiMessage));
        } else if (body == null) {
            message.append(" (the response was not a Finsify error)");
        }
        return new FinsifyApiException(message.toString(), status, code, errorName, extra, retryAfter, null);
    }

    FinsifyApiException fromIoFailure(String call, IOException e) {
        String what = e instanceof SocketTimeoutException ? "timed out" : "failed";
        if (isTruncation(e)) {
            what = "failed: the response ended early";
        }
        return new FinsifyApiException(call + " " + what + " (" + RedactedCause.describe(e, redactor) + ")", -1,
                FinsifyErrorCode.NETWORK, null, Map.of(), null, RedactedCause.of(e, redactor));
    }

    FinsifyApiException fromUnreadableBody(String call, int status, IOException e) {
        if (isTruncation(e) || !(e instanceof JsonProcessingException json)) {
            // a cut body is a transport failure: the same request may well succeed
            return fromIoFailure(call, e);
        }
        return new FinsifyApiException(call + " failed: HTTP " + status + " with a body that is not the expected JSON ("
                                       + RedactedCause.describe(json, redactor) + ")",
                status, FinsifyErrorCode.UNKNOWN, null, Map.of(), null, RedactedCause.of(e, redactor));
    }

    /** Jackson reports a body cut short as end-of-input, from the parser or from a deserializer. */
    private static boolean isTruncation(IOException e) {
        return e instanceof JsonEOFException
               || e instanceof JsonProcessingException && e.getMessage() != null
                  && e.getMessage().contains("end-of-input");
    }

    private static JsonNode readErrorBody(HttpEntity entity) {
        String type = entity == null ? null : entity.getContentType();
        // the API does not always label its errors: an unlabelled body is tried, and the status is the fallback
        if (entity == null || type != null && !FinsifyJson.isJsonContentType(type)) {
            return null;
        }
        try (InputStream in = entity.getContent()) {
            // an error body is small: a huge error page is cut, so it cannot fill the heap (and then is not JSON)
            JsonNode node = FinsifyJson.mapper().readTree(in.readNBytes(MAX_ERROR_BODY));
            return node != null && node.isObject() ? node : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static Duration retryAfter(Header header) {
        if (header == null || header.getValue() == null) {
            return null;
        }
        String value = header.getValue().trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(ZonedDateTime.now(),
                        ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
                return until.isNegative() ? Duration.ZERO : until;
            } catch (RuntimeException notADate) {
                return null;
            }
        }
    }
}
