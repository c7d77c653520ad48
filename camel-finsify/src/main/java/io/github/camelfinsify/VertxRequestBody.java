package io.github.camelfinsify;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;

/**
 * The body of a Vert.x request that platform-http left paused and unread ({@code useBodyHandler=false}): it is read
 * chunk by chunk, and reading stops at the limit. Loaded only when Vert.x is on the class path (see
 * {@link RequestBodies}).
 */
final class VertxRequestBody implements RequestBody {

    private final HttpServerRequest request;

    VertxRequestBody(Object request) {
        this.request = (HttpServerRequest) request;
    }

    static boolean isRequest(Object body) {
        return body instanceof HttpServerRequest;
    }

    @Override
    public byte[] read(int limit, Duration timeout) throws IOException {
        if (Context.isOnEventLoopThread()) {
            // the event loop would have to deliver the chunks it is blocked waiting for
            throw new IOException("the body cannot be awaited on a Vert.x event loop thread");
        }
        CompletableFuture<Buffer> read = new CompletableFuture<>();
        Buffer body = Buffer.buffer();
        // the handlers run on the request's event loop; the future hands the body over to this thread
        request.exceptionHandler(read::completeExceptionally);
        request.handler(chunk -> {
            if (read.isDone()) {
                return;
            }
            if (body.length() + chunk.length() > limit) {
                request.pause();
                read.complete(null);
            } else {
                body.appendBuffer(chunk);
            }
        });
        request.endHandler(end -> read.complete(body));
        if (request.headers().contains(HttpHeaders.EXPECT, HttpHeaders.CONTINUE, true)) {
            request.response().writeContinue();
        }
        request.resume();
        try {
            Buffer complete = read.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return complete == null ? null : complete.getBytes();
        } catch (TimeoutException e) {
            request.pause();
            throw new InterruptedIOException("the body did not arrive within " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the body was read");
        } catch (ExecutionException e) {
            throw new IOException("the body could not be read: " + e.getCause().getMessage(), e.getCause());
        }
    }

    @Override
    public void afterReply() {
        if (request.isEnded()) {
            return;
        }
        HttpServerResponse response = request.response();
        if (request.version() == HttpVersion.HTTP_2) {
            // the stream alone is given up (RST_STREAM NO_ERROR once the answer is out, as RFC 9113 8.1 allows)
            response.bodyEndHandler(written -> response.reset(0));
        } else {
            // the rest of the body is still on the wire: the connection cannot carry another request
            response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
            response.bodyEndHandler(written -> response.close());
        }
    }
}
