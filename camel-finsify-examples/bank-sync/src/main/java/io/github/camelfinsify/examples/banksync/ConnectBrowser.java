package io.github.camelfinsify.examples.banksync;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Goes through the connect page as a browser would: loads the page, fills in the login form and submits it, then
 * follows the redirect to the callback URL. Redirects are never followed automatically: the only one followed is the
 * one to the callback URL this app gave Finsify, so the login secret in it never goes to another host.
 */
final class ConnectBrowser {

    private static final Pattern FORM = Pattern.compile("<form\\b[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTRIBUTE = Pattern.compile("\\b(\\w+)\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern INPUT = Pattern.compile("<input\\b[^>]*>", Pattern.CASE_INSENSITIVE);

    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    /**
     * Connects {@code username} on the page at {@code connectUrl}; answers the page the callback showed.
     *
     * @param callbackUrl the token's callback URL: the one place the page may redirect to
     */
    String connect(String connectUrl, String callbackUrl, String username, String password)
            throws IOException, InterruptedException {
        URI page = URI.create(connectUrl);
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(page).header("Accept", "text/html").GET()
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (form.statusCode() != 200) {
            throw new IllegalStateException("The connect page answered " + form.statusCode() + ": " + form.body());
        }
        Matcher formTag = FORM.matcher(form.body());
        if (!formTag.find()) {
            throw new IllegalStateException("The connect page has no form");
        }
        String method = attribute(formTag.group(), "method", "get");
        String action = attribute(formTag.group(), "action", "");
        Set<String> fields = inputNames(form.body().substring(formTag.end()));
        if (!"post".equalsIgnoreCase(method) || !fields.contains("username") || !fields.contains("password")) {
            throw new IllegalStateException("Unexpected connect form: method " + method + ", fields " + fields);
        }
        URI target = page.resolve(unescape(action));
        String body = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                      + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> submitted = http.send(HttpRequest.newBuilder(target)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        String location = submitted.headers().firstValue("Location").orElse(null);
        if (submitted.statusCode() / 100 != 3 || location == null) {
            throw new IllegalStateException("The connect form answered " + submitted.statusCode()
                                            + " instead of a redirect to the callback URL");
        }
        URI callback = target.resolve(location);
        if (!isBelow(callback, URI.create(callbackUrl))) {
            // never hand the secret in the redirect to a host we did not name
            throw new IllegalStateException("The connect page redirected to " + callback.getScheme() + "://"
                                            + callback.getAuthority() + ", not to the callback URL: not followed");
        }
        HttpResponse<String> done = http.send(HttpRequest.newBuilder(callback).header("Accept", "text/html")
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (done.statusCode() != 200 && done.statusCode() / 100 != 3) {
            throw new IllegalStateException("The callback answered " + done.statusCode());
        }
        return done.body();
    }

    private static boolean isBelow(URI uri, URI base) {
        return uri.getScheme() != null && uri.getScheme().equalsIgnoreCase(base.getScheme())
               && uri.getAuthority() != null && uri.getAuthority().equalsIgnoreCase(base.getAuthority())
               && uri.getRawPath() != null && uri.getRawPath().startsWith(base.getRawPath());
    }

    private static String attribute(String tag, String name, String fallback) {
        Matcher m = ATTRIBUTE.matcher(tag);
        while (m.find()) {
            if (m.group(1).equalsIgnoreCase(name)) {
                return m.group(2);
            }
        }
        return fallback;
    }

    private static Set<String> inputNames(String html) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = INPUT.matcher(html);
        while (m.find()) {
            String name = attribute(m.group(), "name", null);
            if (name != null) {
                names.add(name);
            }
        }
        return names;
    }

    private static String unescape(String text) {
        return text.replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
