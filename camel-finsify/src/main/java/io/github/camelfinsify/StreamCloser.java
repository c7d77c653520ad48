package io.github.camelfinsify;

import java.io.Closeable;

import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * Closes a streamed body when its exchange is done, whether or not the route read it to the end.
 */
final class StreamCloser extends SynchronizationAdapter {

    private final Closeable stream;

    StreamCloser(Closeable stream) {
        this.stream = stream;
    }

    @Override
    public void onDone(Exchange exchange) {
        try {
            stream.close();
        } catch (Exception ignored) {
            // the connection is released either way
        }
    }
}
