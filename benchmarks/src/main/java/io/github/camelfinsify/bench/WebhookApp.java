package io.github.camelfinsify.bench;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.atomic.LongAdder;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;

/**
 * The webhook side, in a process of its own: Camel Main with platform-http on Vert.x (127.0.0.1), two routes:
 * <ul>
 * <li>{@code finsify:webhook?path=/bench/webhook&webhookToken=...}: the component's consumer, the route counts the
 * delivered events;</li>
 * <li>{@code platform-http:/bench/bare?httpMethodRestrict=POST}: a bare route that answers 200 with a short JSON
 * body (the floor: what any platform-http route costs).</li>
 * </ul>
 * Prints {@code PORT=n} once started; stops when its standard input closes, printing {@code DELIVERED=n}.
 */
public final class WebhookApp {

    public static final String TOKEN = "bench-webhook-token-7f3a";

    public static void main(String[] args) throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        LongAdder delivered = new LongAdder();
        Main main = new Main();
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("finsify:webhook?path=/bench/webhook&webhookToken=RAW(" + TOKEN + ")"
                     + "&clientId=" + Payloads.CLIENT_ID + "&serviceSecret=RAW(" + Payloads.SERVICE_SECRET + ")")
                        .routeId("finsify-webhook")
                        .process(e -> delivered.increment());
                from("platform-http:/bench/bare?httpMethodRestrict=POST")
                        .routeId("bare")
                        .setBody(constant("{\"status\":\"ok\"}"));
            }
        });
        main.addInitialProperty("camel.server.enabled", "true");
        main.addInitialProperty("camel.server.host", "127.0.0.1");
        main.addInitialProperty("camel.server.port", Integer.toString(port));
        // the server's body limit for the bare route, as docs/security.md asks (finsify:webhook reads its own)
        main.addInitialProperty("camel.server.maxBodySize", "1048576");
        main.addInitialProperty("camel.main.name", "finsify-webhook-bench");
        main.start();
        System.out.println("PORT=" + port);
        System.out.flush();
        while (System.in.read() >= 0) {
            // runs until stdin closes
        }
        System.out.println("DELIVERED=" + delivered.sum());
        System.out.flush();
        main.stop();
        System.exit(0);
    }
}
