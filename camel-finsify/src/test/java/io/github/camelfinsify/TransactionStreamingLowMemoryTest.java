package io.github.camelfinsify;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpServer;
import io.github.camelfinsify.model.Transaction;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code streaming=true}, a response far larger than the heap is consumed: this class runs in its own surefire
 * execution with {@code -Xmx64m}, against a stub that generates the 200,000 transactions (about 80 MB of JSON) while
 * it writes them.
 */
class TransactionStreamingLowMemoryTest {

    private static final int COUNT = 200_000;

    private HttpServer stub;
    private final CamelContext context = new DefaultCamelContext();

    @BeforeEach
    void startStub() throws Exception {
        stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stub.createContext("/v2/transaction", exchange -> {
            exchange.getResponseHeaders().add("content-type", "application/json");
            exchange.sendResponseHeaders(200, 0); // chunked: the body is never held whole
            try (Writer out = new BufferedWriter(new OutputStreamWriter(exchange.getResponseBody(),
                    StandardCharsets.UTF_8))) {
                out.write("{\"data\":[");
                for (int i = 0; i < COUNT; i++) {
                    out.write(i == 0 ? "" : ",");
                    out.write("{\"id\":" + (4_000_000 + i) + ",\"original_id\":\"techcombank-" + i
                              + "\",\"date\":\"2017-03-27\",\"amount\":\"-" + (1000 + i % 9000)
                              + ".00\",\"currency\":\"VND\",\"description\":\"GD THE QUA POS SO THE 422149...0052 NGAY "
                              + "26/03/2017 TAI UBER VN MAR27 R5HKO HE help.uber.com NL APPCODE 579124 TID / FT1708640"
                              + i + "\",\"category\":\"auto_and_transport\",\"meta\":null}");
                }
                out.write("],\"version\":\"v2\"}");
            }
        });
        stub.start();
    }

    @AfterEach
    void stop() {
        context.stop();
        stub.stop(0);
    }

    @Test
    void twoHundredThousandTransactionsStreamThroughA64MegabyteHeap() throws Exception {
        assertThat(Runtime.getRuntime().maxMemory()).as("this test must run with -Xmx64m")
                .isLessThanOrEqualTo(70L * 1024 * 1024);
        AtomicLong count = new AtomicLong();
        AtomicLong lastId = new AtomicLong();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:stream")
                        .to("finsify:transactions?streaming=true&accountId=1&clientId=c&serviceSecret=s&loginSecret=l"
                            + "&baseUrl=http://127.0.0.1:" + stub.getAddress().getPort() + "/v2")
                        .process(e -> {
                            @SuppressWarnings("unchecked")
                            Iterator<Transaction> it = e.getIn().getBody(Iterator.class);
                            while (it.hasNext()) {
                                lastId.set(it.next().id());
                                count.incrementAndGet();
                            }
                        });
            }
        });
        context.start();

        context.createProducerTemplate().sendBody("direct:stream", null);

        assertThat(count.get()).isEqualTo(COUNT);
        assertThat(lastId.get()).isEqualTo(4_000_000L + COUNT - 1);
    }
}
