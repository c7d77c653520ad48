package io.github.camelfinsify.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A small java.net.http client for the tests: API calls with the sandbox's credentials, and raw calls. */
final class Http {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** An answer: status, headers and body text parsed as JSON when possible. */
    record Answer(int status, HttpResponse<String> response) {
        String body() {
            return response.body();
        }

        JsonNode json() {
            try {
                return MAPPER.readTree(response.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }

    private final FinsifySandbox sandbox;
    private final List<String> headers = new ArrayList<>();

    private Http(FinsifySandbox sandbox) {
        this.sandbox = sandbox;
    }

    /** Calls with client-id and service-secret, content-type and accept JSON. */
    static Http api(FinsifySandbox sandbox) {
        return new Http(sandbox).with("client-id", sandbox.clientId()).with("service-secret", sandbox.serviceSecret())
                .with("content-type", "application/json").with("accept", "application/json");
    }

    /** Calls without any header. */
    static Http bare(FinsifySandbox sandbox) {
        return new Http(sandbox);
    }

    /** Calls without any header, to absolute URLs only (a sandbox in another JVM). */
    static Http urls() {
        return new Http(null);
    }

    Http with(String name, String value) {
        Http copy = new Http(sandbox);
        copy.headers.addAll(headers);
        copy.headers.add(name);
        copy.headers.add(value);
        return copy;
    }

    Http login(String secret) {
        return with("login-secret", secret);
    }

    Answer get(String pathOrUrl) {
        return send("GET", pathOrUrl, null);
    }

    Answer post(String pathOrUrl, String body) {
        return send("POST", pathOrUrl, body);
    }

    Answer put(String pathOrUrl, String body) {
        return send("PUT", pathOrUrl, body);
    }

    Answer delete(String pathOrUrl) {
        return send("DELETE", pathOrUrl, null);
    }

    private String root() {
        String base = sandbox.baseUrl();
        return base.substring(0, base.length() - "/v2".length());
    }

    Answer send(String method, String pathOrUrl, String body) {
        String url = pathOrUrl.startsWith("http") ? pathOrUrl : root() + pathOrUrl;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.size(); i += 2) {
            request.header(headers.get(i), headers.get(i + 1));
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
