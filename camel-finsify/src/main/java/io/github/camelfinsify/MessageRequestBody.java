package io.github.camelfinsify;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

import org.apache.camel.Message;

/**
 * A body as the engine put it on the message (bytes, text or a stream; the servlet engine has read it by then). The
 * engine's own read time-out applies, not the consumer's.
 */
final class MessageRequestBody implements RequestBody {

    private final Message in;
    private final Object body;

    MessageRequestBody(Message in, Object body) {
        this.in = in;
        this.body = body;
    }

    @Override
    public byte[] read(int limit, Duration timeout) throws IOException {
        if (body == null) {
            return new byte[0];
        }
        if (body instanceof byte[] bytes) {
            return bytes.length > limit ? null : bytes;
        }
        InputStream stream = in.getBody(InputStream.class);
        if (stream == null) {
            throw new IOException("the body (" + body.getClass().getSimpleName() + ") cannot be read as bytes");
        }
        try (stream) {
            // one byte more than allowed tells an oversized body, without reading it all
            byte[] bytes = stream.readNBytes((int) Math.min(limit + 1L, Integer.MAX_VALUE));
            return bytes.length > limit ? null : bytes;
        }
    }

    @Override
    public void afterReply() {
        // the engine owns the connection
    }
}
