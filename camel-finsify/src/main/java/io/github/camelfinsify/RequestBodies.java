package io.github.camelfinsify;

import org.apache.camel.Message;

/**
 * Picks how to read the body of a request by what the engine handed over. Vert.x is an optional dependency: the class
 * that uses it is loaded only when it is on the class path.
 */
final class RequestBodies {

    private static final boolean VERTX_PRESENT = isPresent("io.vertx.core.http.HttpServerRequest");

    private RequestBodies() {
    }

    static RequestBody of(Message in) {
        Object body = in.getBody();
        if (VERTX_PRESENT && VertxRequestBody.isRequest(body)) {
            return new VertxRequestBody(body);
        }
        return new MessageRequestBody(in, body);
    }

    private static boolean isPresent(String className) {
        try {
            Class.forName(className, false, RequestBodies.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
