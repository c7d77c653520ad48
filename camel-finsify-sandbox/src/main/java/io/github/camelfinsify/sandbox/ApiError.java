package io.github.camelfinsify.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** An error answer in the API's shape: {@code {"error":"Name","message":"...","extra":{...}}}. */
final class ApiError extends RuntimeException {

    final int status;
    final String error;
    final ObjectNode extra;

    ApiError(int status, String error, String message, ObjectNode extra) {
        super(message, null, false, false);
        this.status = status;
        this.error = error;
        this.extra = extra;
    }

    static ApiError badRequest(String message) {
        return new ApiError(400, "BadRequest", message, Json.object());
    }

    static ApiError dataInvalid(String field, String message) {
        ObjectNode extra = Json.object();
        extra.put("field", field);
        return new ApiError(400, "DataInvalid", message, extra);
    }

    ObjectNode body() {
        ObjectNode node = Json.object();
        node.put("error", error);
        node.put("message", getMessage());
        node.set("extra", extra == null ? Json.object() : extra);
        return node;
    }

    ApiReply reply() {
        return ApiReply.json(status, body());
    }
}
