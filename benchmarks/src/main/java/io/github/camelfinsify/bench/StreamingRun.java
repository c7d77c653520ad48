package io.github.camelfinsify.bench;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.management.GarbageCollectionNotificationInfo;
import io.github.camelfinsify.model.Transaction;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;

/**
 * One parse of the 1,000,000-transaction response in this (forked, heap-limited) JVM; prints one {@code RESULT}
 * line. Modes:
 * <ul>
 * <li>{@code streaming}: a route {@code direct -> finsify:transactions?streaming=true -> iterate the body};</li>
 * <li>{@code list}: a route {@code direct -> finsify:transactions -> the List<Transaction> body};</li>
 * <li>{@code tree}: HttpClient 5 + {@code ObjectMapper.readTree} of the whole body, then walk {@code data}.</li>
 * </ul>
 * Peak heap: the largest heap occupancy seen right after any GC (GC notifications), i.e. the peak of what was
 * live; for the modes that hold the result, a last {@code System.gc()} while it is still held makes sure the final,
 * largest live set is counted.
 */
public final class StreamingRun {

    private static final AtomicLong PEAK_AFTER_GC = new AtomicLong();

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int port = Integer.parseInt(args[1]);
        watchGc();
        String base = "http://127.0.0.1:" + port + "/v2";
        long start;
        long count;
        Object held = null;
        if ("tree".equals(mode)) {
            try (CloseableHttpClient http = HttpClients.createDefault()) {
                start = System.nanoTime();
                JsonNode root = http.execute(ClassicRequestBuilder.get(base + "/transaction?account_id="
                                                                       + Payloads.ACCOUNT_MILLION)
                        .addHeader("client-id", Payloads.CLIENT_ID)
                        .addHeader("service-secret", Payloads.SERVICE_SECRET)
                        .addHeader("login-secret", Payloads.LOGIN_SECRET)
                        .addHeader("accept", "application/json")
                        .addHeader("content-type", "application/json").build(), response -> {
                            try (InputStream in = response.getEntity().getContent()) {
                                return BenchJson.MAPPER.readTree(in);
                            }
                        });
                long n = 0;
                for (JsonNode tx : root.path("data")) {
                    n += tx.path("id").asLong() > 0 ? 1 : 0;
                }
                count = n;
                held = root;
            }
        } else {
            boolean streaming = "streaming".equals(mode);
            AtomicLong seen = new AtomicLong();
            Object[] result = new Object[1];
            CamelContext camel = new DefaultCamelContext();
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:run")
                            .to("finsify:transactions?streaming=" + streaming + "&accountId=" + Payloads.ACCOUNT_MILLION
                                + "&clientId=" + Payloads.CLIENT_ID + "&serviceSecret=RAW(" + Payloads.SERVICE_SECRET
                                + ")&loginSecret=RAW(" + Payloads.LOGIN_SECRET + ")&baseUrl=" + base
                                + "&responseTimeout=120000&maxRetries=0")
                            .process(e -> {
                                if (streaming) {
                                    Iterator<?> it = e.getMessage().getBody(Iterator.class);
                                    while (it.hasNext()) {
                                        if (((Transaction) it.next()).id() > 0) {
                                            seen.incrementAndGet();
                                        }
                                    }
                                } else {
                                    List<?> list = e.getMessage().getBody(List.class);
                                    seen.set(list.size());
                                    result[0] = list;
                                }
                            });
                }
            });
            camel.start();
            start = System.nanoTime();
            camel.createProducerTemplate().sendBody("direct:run", null);
            count = seen.get();
            held = result[0];
            camel.close();
        }
        long elapsed = System.nanoTime() - start;
        System.gc(); // counts the held result (list, tree) in the peak; for streaming nothing is held
        Thread.sleep(200); // let the GC notification arrive
        long retained = heapUsed();
        if (held != null && held.hashCode() == 42) {
            System.out.print(""); // keep the result reachable up to here
        }
        System.out.println("RESULT " + BenchJson.MAPPER.writeValueAsString(Map.of(
                "mode", mode,
                "transactions", count,
                "seconds", elapsed / 1e9,
                "transactionsPerSecond", count / (elapsed / 1e9),
                "peakHeapAfterGcBytes", Math.max(PEAK_AFTER_GC.get(), retained),
                "maxHeapBytes", Runtime.getRuntime().maxMemory())));
    }

    private static long heapUsed() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                used += pool.getUsage().getUsed();
            }
        }
        return used;
    }

    private static void watchGc() {
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    return;
                }
                var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                long after = 0;
                for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                    if (isHeapPool(e.getKey())) {
                        after += e.getValue().getUsed();
                    }
                }
                long value = after;
                PEAK_AFTER_GC.accumulateAndGet(value, Math::max);
            }, null, null);
        }
    }

    private static boolean isHeapPool(String name) {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getName().equals(name)) {
                return pool.getType() == MemoryType.HEAP;
            }
        }
        return false;
    }
}
