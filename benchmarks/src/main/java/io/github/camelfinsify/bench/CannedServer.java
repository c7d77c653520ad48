package io.github.camelfinsify.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.sun.management.OperatingSystemMXBean;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * A minimal, fast stand-in for the Finsify API: one Vert.x event loop on 127.0.0.1 answering precomputed bytes. It
 * runs in a process of its own (so its garbage and threads are not in the client JVM being measured) and stops when
 * its standard input closes, i.e. when the process that started it ends.
 *
 * <pre>
 * GET /v2/account                           the reference's sample (1 account)
 * GET /v2/transaction?account_id=14324      50 transactions
 * GET /v2/transaction?account_id=10000      10,000 transactions dated over the last 14 days (the sync window)
 * GET /v2/transaction?account_id=1000000    1,000,000 transactions (~330 MB), written with back-pressure
 *
 * login-secret s-&lt;n&gt; (the sweep's book, {@link SweepPayloads}):
 * GET /v2/account                           login n's 2 or 3 accounts
 * GET /v2/transaction?account_id=..         3 to 5 transactions of one of them (404 for another login's account)
 *
 * GET /bench/stats                          calls answered so far and this process's CPU time (no credentials)
 * </pre>
 *
 * Requests without the client-id and login-secret headers get 401, so a variant that forgets them fails loudly.
 */
public final class CannedServer {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final byte[] accounts = Payloads.accounts();
    private final byte[] transactions50 = Payloads.transactions(50, 4_116_357, LocalDate.of(2017, 3, 27), 30);
    private final byte[] window;
    private final List<byte[]> million;
    private final long millionLength;
    private final SweepPayloads book = new SweepPayloads(LocalDate.now());
    // one event loop answers every request: plain counters suffice
    private long accountCalls;
    private long transactionCalls;

    private CannedServer(boolean withMillion) {
        LocalDate today = LocalDate.now();
        window = Payloads.transactions(Payloads.WINDOW_SIZE, 50_000_000, Payloads.windowStart(today),
                Payloads.WINDOW_DAYS);
        million = withMillion
                ? Payloads.transactionChunks(Payloads.MILLION, 100_000_000, LocalDate.of(2015, 1, 1), 3000, 1000)
                : List.of();
        millionLength = million.stream().mapToLong(b -> b.length).sum();
    }

    public static void main(String[] args) throws Exception {
        boolean withMillion = args.length == 0 || !"--no-million".equals(args[0]);
        CannedServer canned = new CannedServer(withMillion);
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
                .setTcpNoDelay(true).setCompressionSupported(false));
        server.requestHandler(canned::handle);
        server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        System.out.println("PORT=" + server.actualPort());
        System.out.flush();
        // runs until the parent closes our stdin (or dies)
        while (System.in.read() >= 0) {
            // ignore input
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        System.exit(0);
    }

    private void handle(HttpServerRequest req) {
        HttpServerResponse resp = req.response();
        if ("/bench/stats".equals(req.path())) {
            send(resp, 200, stats());
            return;
        }
        if (req.getHeader("client-id") == null || req.getHeader("login-secret") == null) {
            send(resp, 401, "{\"error\":\"Unauthorized\",\"message\":\"missing client-id or login-secret\"}".getBytes());
            return;
        }
        String path = req.path();
        long login = SweepPayloads.loginOf(req.getHeader("login-secret"));
        if (login > 0) {
            answerBook(req, resp, path, login);
        } else if ("/v2/account".equals(path)) {
            send(resp, 200, accounts);
        } else if ("/v2/transaction".equals(path)) {
            String account = req.getParam("account_id");
            if (Long.toString(Payloads.ACCOUNT_50).equals(account)) {
                send(resp, 200, transactions50);
            } else if (Long.toString(Payloads.ACCOUNT_WINDOW).equals(account)) {
                send(resp, 200, window);
            } else if (Long.toString(Payloads.ACCOUNT_MILLION).equals(account) && !million.isEmpty()) {
                resp.setStatusCode(200).putHeader("content-type", "application/json")
                        .putHeader("content-length", Long.toString(millionLength));
                writeFrom(resp, 0);
            } else {
                send(resp, 404, "{\"error\":\"AccountNotFound\",\"message\":\"Account is not found\"}".getBytes());
            }
        } else {
            send(resp, 404, "{\"error\":\"NotFound\"}".getBytes());
        }
    }

    private void answerBook(HttpServerRequest req, HttpServerResponse resp, String path, long login) {
        if ("/v2/account".equals(path)) {
            accountCalls++;
            send(resp, 200, book.accounts(login));
        } else if ("/v2/transaction".equals(path)) {
            transactionCalls++;
            long account = parseOrZero(req.getParam("account_id"));
            if (SweepPayloads.loginOfAccount(account) == login) {
                send(resp, 200, book.transactions(account, date(req.getParam("from_date"), LocalDate.MIN),
                        date(req.getParam("to_date"), LocalDate.MAX)));
            } else {
                send(resp, 404, "{\"error\":\"AccountNotFound\",\"message\":\"Account is not found\"}".getBytes());
            }
        } else {
            send(resp, 404, "{\"error\":\"NotFound\"}".getBytes());
        }
    }

    private static LocalDate date(String value, LocalDate absent) {
        return value == null ? absent : LocalDate.parse(value);
    }

    private static long parseOrZero(String value) {
        try {
            return value == null ? 0 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private byte[] stats() {
        // runs on the event loop, so the current thread's CPU time is the loop's
        return ("{\"accountCalls\":" + accountCalls + ",\"transactionCalls\":" + transactionCalls
                + ",\"loopCpuNanos\":" + THREADS.getCurrentThreadCpuTime()
                + ",\"processCpuNanos\":" + OS.getProcessCpuTime() + "}").getBytes();
    }

    private void writeFrom(HttpServerResponse resp, int from) {
        int i = from;
        while (i < million.size()) {
            if (resp.writeQueueFull()) {
                int next = i;
                resp.drainHandler(v -> writeFrom(resp, next));
                return;
            }
            resp.write(Buffer.buffer(million.get(i++)));
        }
        resp.end();
    }

    private static void send(HttpServerResponse resp, int status, byte[] body) {
        send(resp, status, Buffer.buffer(body));
    }

    private static void send(HttpServerResponse resp, int status, Buffer body) {
        resp.setStatusCode(status).putHeader("content-type", "application/json").end(body);
    }
}
