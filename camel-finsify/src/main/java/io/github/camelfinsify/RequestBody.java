package io.github.camelfinsify;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;

/**
 * The body of a request that platform-http handed to a consumer, read no further than the consumer allows. On Vert.x
 * the consumer's platform-http endpoint leaves the body unread ({@code useBodyHandler=false}), so nothing of it is
 * buffered before the consumer judged the request's head; other engines hand over what they read.
 */
interface RequestBody {

    /**
     * @return                       the body, or {@code null} when it is longer than {@code limit} bytes (the rest is
     *                               not read)
     * @throws InterruptedIOException when the body did not arrive within {@code timeout}
     * @throws IOException            when the body could not be read
     */
    byte[] read(int limit, Duration timeout) throws IOException;

    /** Once the reply is set: a connection whose request body was left unread must not carry another request. */
    void afterReply();
}
