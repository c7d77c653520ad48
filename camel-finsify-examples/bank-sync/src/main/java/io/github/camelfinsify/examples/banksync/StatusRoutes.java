package io.github.camelfinsify.examples.banksync;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * The {@code --follow} status page, on Camel's HTTP server beside the webhook: {@code /status} is the page and
 * {@code /status.json} its data (bean {@code bankSyncStatus}). Read-only, GET only.
 */
public class StatusRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("platform-http:/status?httpMethodRestrict=GET").routeId("status-page")
                .setHeader(Exchange.CONTENT_TYPE, constant("text/html; charset=utf-8"))
                .setBody(constant(page()));

        from("platform-http:/status.json?httpMethodRestrict=GET").routeId("status-json")
                .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(200))
                .bean("bankSyncStatus", "json");
    }

    private static String page() {
        try (InputStream in = StatusRoutes.class.getResourceAsStream("/status/index.html")) {
            if (in == null) {
                throw new IllegalStateException("status/index.html is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read status/index.html", e);
        }
    }
}
