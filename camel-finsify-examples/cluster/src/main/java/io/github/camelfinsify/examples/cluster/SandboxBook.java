package io.github.camelfinsify.examples.cluster;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelfinsify.jdbc.JdbcLoginDirectory;
import io.github.camelfinsify.sync.DirectoryLogin;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * A partner's book for trying the example: creates connected logins in the sandbox (its admin API,
 * {@code POST /sandbox/logins/bulk}) and stores them in the login directory, as a connect route would, their secrets
 * encrypted with {@code FINSIFY_LOGIN_SECRET_KEY}.
 * <pre>
 * java -cp ... io.github.camelfinsify.examples.cluster.SandboxBook &lt;count&gt; &lt;jdbc-url&gt;
 * </pre>
 * It prints the first login's id and its first account's id, never a secret.
 */
public final class SandboxBook {

    private SandboxBook() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("Arguments: <count> <jdbc-url>");
        }
        String baseUrl = System.getenv("FINSIFY_BASE_URL");
        String adminUrl = baseUrl.replaceFirst("/v2/?$", "") + "/sandbox/logins/bulk";
        HttpRequest request = HttpRequest.newBuilder(URI.create(adminUrl)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"user_good\",\"count\":" + args[0] + "}"))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("The sandbox answered " + response.statusCode() + " to " + adminUrl);
        }
        JsonNode logins = new ObjectMapper().readTree(response.body());
        JdbcConnectionPool pool = JdbcConnectionPool.create(args[1], "sa", "");
        try {
            JdbcLoginDirectory book = new JdbcLoginDirectory(pool, System.getenv("FINSIFY_LOGIN_SECRET_KEY"));
            book.start();
            for (JsonNode login : logins) {
                book.save(new DirectoryLogin(login.get("login_id").asLong(), login.get("secret").asText(),
                        login.get("customer_id").asText()));
            }
            System.out.println(book.size() + " logins in the book; first login " + logins.get(0).get("login_id")
                               + ", its first account " + logins.get(0).get("account_ids").get(0));
            book.stop();
        } finally {
            pool.dispose();
        }
    }
}
