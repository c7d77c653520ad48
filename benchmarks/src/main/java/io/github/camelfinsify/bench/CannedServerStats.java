package io.github.camelfinsify.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The canned server's counters ({@code GET /bench/stats}): calls answered, its event loop's and its process's CPU.
 * Read often during a measurement, so through a bare socket: an HTTP client would cost more CPU than it measures.
 */
final class CannedServerStats {

    record Reading(long calls, long accountCalls, long transactionCalls, long loopCpuNanos, long processCpuNanos) {
    }

    private static final byte[] REQUEST = ("GET /bench/stats HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);

    private final int port;

    CannedServerStats(int port) {
        this.port = port;
    }

    Reading read() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(REQUEST);
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            Map<?, ?> stats = BenchJson.MAPPER.readValue(response.substring(response.indexOf("\r\n\r\n") + 4), Map.class);
            long accounts = ((Number) stats.get("accountCalls")).longValue();
            long transactions = ((Number) stats.get("transactionCalls")).longValue();
            return new Reading(accounts + transactions, accounts, transactions,
                    ((Number) stats.get("loopCpuNanos")).longValue(), ((Number) stats.get("processCpuNanos")).longValue());
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("the canned server's /bench/stats did not answer", e);
        }
    }
}
