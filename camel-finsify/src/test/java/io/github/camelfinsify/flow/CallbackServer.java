package io.github.camelfinsify.flow;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The test endpoint the connect page redirects the browser to: a JDK HTTP server on 127.0.0.1 and a free port. Each
 * {@link #newCallback()} is one callback URL; the first request under it completes its future with the raw
 * (still URL-encoded) request path after the callback URL, and the browser gets a small HTML page that echoes nothing
 * of the request.
 */
final class CallbackServer implements AutoCloseable {

    static final String PAGE_TITLE = "Bank connected - flow test";

    /** The page the browser sees after the connect: deliberately free of anything the request carried. */
    static final String PAGE = """
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><title>%s</title></head>
            <body><h1 id="callback-done">Thank you, you can close this window.</h1></body>
            </html>
            """.formatted(PAGE_TITLE);

    private static final String PREFIX = "/callback/";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final Map<String, CompletableFuture<String>> pending = new ConcurrentHashMap<>();

    CallbackServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(PREFIX, this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** A new callback URL and the future of the raw path remainder its first request brings. */
    Callback newCallback() {
        String key = UUID.randomUUID().toString();
        CompletableFuture<String> future = new CompletableFuture<>();
        pending.put(key, future);
        return new Callback("http://127.0.0.1:" + server.getAddress().getPort() + PREFIX + key, future);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            // the raw path keeps the URL-encoded JSON exactly as the browser sent it
            String rawPath = exchange.getRequestURI().getRawPath();
            String rest = rawPath.substring(PREFIX.length());
            int slash = rest.indexOf('/');
            String key = slash < 0 ? rest : rest.substring(0, slash);
            CompletableFuture<String> future = pending.get(key);
            if (future == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            future.complete(slash < 0 ? "" : rest.substring(slash));
            byte[] body = PAGE.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /**
     * @param url     the callback URL to give createToken or reconnect
     * @param request completes with the request path after {@code url}, still URL-encoded (e.g. {@code /%7B...%7D})
     */
    record Callback(String url, CompletableFuture<String> request) {
    }
}
