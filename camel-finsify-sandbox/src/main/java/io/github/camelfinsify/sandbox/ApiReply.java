package io.github.camelfinsify.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** What the engine answers: status, headers, and a body that is either bytes or produced while streaming. */
final class ApiReply {

    /** Ways to fail below HTTP. */
    enum TransportFault { CONNECTION_RESET }

    final int status;
    final Map<String, String> headers = new LinkedHashMap<>();
    final byte[] body;
    final Supplier<InputStream> stream;
    TransportFault fault;
    long delayMillis;

    private ApiReply(int status, String contentType, byte[] body, Supplier<InputStream> stream) {
        this.status = status;
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        this.body = body;
        this.stream = stream;
    }

    static ApiReply json(int status, JsonNode node) {
        return new ApiReply(status, "application/json", Json.bytes(node), null);
    }

    static ApiReply json(int status, byte[] body) {
        return new ApiReply(status, "application/json", body, null);
    }

    static ApiReply rawJson(int status, String text) {
        return new ApiReply(status, "application/json", text.getBytes(StandardCharsets.UTF_8), null);
    }

    static ApiReply html(int status, String html) {
        return new ApiReply(status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8), null);
    }

    static ApiReply streamingJson(Supplier<InputStream> stream) {
        return new ApiReply(200, "application/json", null, stream);
    }

    static ApiReply redirect(String location) {
        ApiReply reply = new ApiReply(302, null, new byte[0], null);
        reply.headers.put("Location", location);
        return reply;
    }

    static ApiReply noContent() {
        return new ApiReply(204, null, new byte[0], null);
    }

    static ApiReply fault(TransportFault fault) {
        ApiReply reply = new ApiReply(200, null, new byte[0], null);
        reply.fault = fault;
        return reply;
    }

    ApiReply header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    ApiReply delayed(long millis) {
        this.delayMillis += millis;
        return this;
    }
}
