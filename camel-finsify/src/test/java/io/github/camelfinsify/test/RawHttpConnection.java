package io.github.camelfinsify.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 connection driven by hand, for what an HTTP client library will not do: send a request's head and only
 * part of its body, stall, or stream a body that never ends, and read the answer meanwhile.
 */
public final class RawHttpConnection implements AutoCloseable {

    private static final byte[] FILLER = new byte[16 * 1024];

    static {
        Arrays.fill(FILLER, (byte) 'x');
    }

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private long bodyBytesSent;
    private int answerLength;
    private boolean answerChunked;
    private boolean closedWhileSending;

    public RawHttpConnection(int port, Duration readTimeout) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout((int) readTimeout.toMillis());
        out = socket.getOutputStream();
        in = socket.getInputStream();
    }

    /** Sends {@code POST pathAndQuery} with these headers (and Host), nothing of the body yet. */
    public RawHttpConnection postHead(String pathAndQuery, Map<String, String> headers) throws IOException {
        StringBuilder head = new StringBuilder("POST ").append(pathAndQuery).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return this;
    }

    /**
     * Sends {@code count} bytes of a declared-length body. Like the other {@code send} methods it stops, without an
     * error, when the server closed the connection meanwhile (it may answer without reading the body): see
     * {@link #closedWhileSending()}.
     */
    public RawHttpConnection sendBody(long count) {
        try {
            return writeBody(count);
        } catch (IOException closed) {
            closedWhileSending = true;
            return this;
        }
    }

    private RawHttpConnection writeBody(long count) throws IOException {
        for (long left = count; left > 0; ) {
            int n = (int) Math.min(left, FILLER.length);
            out.write(FILLER, 0, n);
            left -= n;
            bodyBytesSent += n;
        }
        out.flush();
        return this;
    }

    /** Sends raw bytes, e.g. a whole small body. */
    public RawHttpConnection send(String text) {
        try {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            out.write(bytes);
            out.flush();
            bodyBytesSent += bytes.length;
        } catch (IOException closed) {
            closedWhileSending = true;
        }
        return this;
    }

    /** Sends chunks of a chunked body totalling at least {@code count} bytes, without the final chunk. */
    public RawHttpConnection sendChunks(long count) {
        try {
            return writeChunks(count);
        } catch (IOException closed) {
            closedWhileSending = true;
            return this;
        }
    }

    private RawHttpConnection writeChunks(long count) throws IOException {
        byte[] size = (Integer.toHexString(FILLER.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] end = "\r\n".getBytes(StandardCharsets.ISO_8859_1);
        for (long left = count; left > 0; left -= FILLER.length) {
            out.write(size);
            out.write(FILLER);
            out.write(end);
            bodyBytesSent += FILLER.length;
        }
        out.flush();
        return this;
    }

    public long bodyBytesSent() {
        return bodyBytesSent;
    }

    /** Whether a {@code send} method stopped because the server had closed the connection. */
    public boolean closedWhileSending() {
        return closedWhileSending;
    }

    /** Reads the status line and headers of the answer; -1 when the connection ended first. */
    public int readStatus() throws IOException {
        String head = readHead();
        if (head.isEmpty()) {
            return -1;
        }
        return Integer.parseInt(head.substring(9, 12));
    }

    /** The answer's head (status line and headers), as text. */
    public String readHead() throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        answerLength = 0;
        answerChunked = false;
        for (String line : head.toString().toLowerCase(Locale.ROOT).split("\r\n")) {
            if (line.startsWith("content-length:")) {
                answerLength = Integer.parseInt(line.substring("content-length:".length()).trim());
            } else if (line.startsWith("transfer-encoding:") && line.contains("chunked")) {
                answerChunked = true;
            }
        }
        return head.toString();
    }

    /** The body of the answer whose head was read last. */
    public String readBody() throws IOException {
        if (!answerChunked) {
            return new String(in.readNBytes(answerLength), StandardCharsets.UTF_8);
        }
        StringBuilder body = new StringBuilder();
        for (int size = chunkSize(); size > 0; size = chunkSize()) {
            body.append(new String(in.readNBytes(size), StandardCharsets.UTF_8));
            readLine();
        }
        readLine(); // the empty line after the last chunk
        return body.toString();
    }

    private int chunkSize() throws IOException {
        String line = readLine();
        int extension = line.indexOf(';');
        return Integer.parseInt((extension < 0 ? line : line.substring(0, extension)).trim(), 16);
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    /** Whether the server closed the connection: reads (and drops) what is left until end of stream or time-out. */
    public boolean isClosedByServer() throws IOException {
        try {
            byte[] sink = new byte[4096];
            while (in.read(sink) >= 0) {
                // the rest of the answer
            }
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
