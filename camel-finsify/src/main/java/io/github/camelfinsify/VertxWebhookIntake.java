package io.github.camelfinsify;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.camelfinsify.FinsifyWebhookHandler.Reply;
import io.github.camelfinsify.webhook.PresentedToken;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpEngine;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;

/**
 * The webhook's intake on Vert.x, where the consumer's processor runs on a worker thread after platform-http's route
 * handled the request on the event loop.
 *
 * <p>A route of its own on platform-http's router, matched before the consumer's, judges each request's head on the
 * event loop ({@link FinsifyWebhookHandler#judgeHead}): a refused request is answered there, before any of its body
 * is read, and its connection closed. The others go on to the consumer's route, whose body is then read in one of two
 * ways, decided at start:
 * <ul>
 * <li>when the server's own body limit ({@code camel.server.maxBodySize}) is set and no larger than
 * {@code maxBodySize}, by platform-http as usual, within {@link FinsifyWebhookHandler#BODY_TIMEOUT}: the fast way;</li>
 * <li>otherwise the consumer's endpoint leaves it unread ({@code useBodyHandler=false}) and the handler reads it from
 * the paused request, at most {@code maxBodySize} bytes, within the same time ({@link #read}).</li>
 * </ul>
 * Loaded only when camel-platform-http-vertx is on the class path.
 */
final class VertxWebhookIntake {

    private static final String BODY_TIMER = VertxWebhookIntake.class.getName() + ".bodyTimer";

    private final Route head;
    private final boolean serverReadsBody;

    private VertxWebhookIntake(Route head, boolean serverReadsBody) {
        this.head = head;
        this.serverReadsBody = serverReadsBody;
    }


    /**
     * Puts the head check in front of the route that platform-http is about to add for {@code path}; {@code null}
     * when the engine is not Vert.x.
     */
    static VertxWebhookIntake install(CamelContext context, PlatformHttpEngine engine, String path,
                                      FinsifyWebhookHandler handler, int maxBodySize) {
        if (!(engine instanceof VertxPlatformHttpEngine vertx)) {
            return null;
        }
        // the router platform-http's consumers attach to, looked up as VertxPlatformHttpConsumer does
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context,
                VertxPlatformHttpRouter.getRouterNameFromPort(vertx.getServerPort()));
        if (router == null) {
            router = VertxPlatformHttpRouter.lookup(context, VertxPlatformHttpRouter.PLATFORM_HTTP_ROUTER_NAME_ZERO);
        }
        if (router == null) {
            throw new IllegalStateException("finsify:webhook found no Vert.x router of platform-http for " + path
                                            + ": is the HTTP server started (camel.server.enabled=true)?");
        }
        VertxPlatformHttpServer server = router.getServer();
        Long serverLimit = server != null ? server.getMaxBodySize() : null;
        boolean serverReadsBody = serverLimit != null && serverLimit >= 0 && serverLimit <= maxBodySize;
        Reply tooLarge = FinsifyWebhookHandler.tooLarge(serverReadsBody ? serverLimit : maxBodySize);
        // a failure of the consumer's route (its body handler's 413) comes to the first matching failure handler
        Route head = router.route(HttpMethod.POST, path)
                .handler(ctx -> judgeHead(ctx, handler, serverReadsBody))
                .failureHandler(ctx -> failed(ctx, handler, tooLarge));
        return new VertxWebhookIntake(head, serverReadsBody);
    }

    /** Whether platform-http reads the body (within a limit that is the consumer's or smaller). */
    boolean serverReadsBody() {
        return serverReadsBody;
    }

    void remove() {
        head.remove();
    }

    static boolean isVertxBody(Object body) {
        return body instanceof Buffer || body instanceof HttpServerRequest;
    }

    /**
     * Reads a body platform-http handed over: the buffer it read, or the paused request it left unread, whose chunks
     * are taken until the end or until {@code limit} is passed.
     *
     * @return                        the body, or {@code null} when it is longer than {@code limit}
     * @throws InterruptedIOException when the body did not arrive within {@code timeout}
     */
    static byte[] read(Object body, int limit, Duration timeout) throws IOException {
        if (body instanceof Buffer buffer) {
            return buffer.length() > limit ? null : buffer.getBytes();
        }
        HttpServerRequest request = (HttpServerRequest) body;
        if (Context.isOnEventLoopThread()) {
            // the event loop would have to deliver the chunks it is blocked waiting for
            throw new IOException("the body cannot be awaited on a Vert.x event loop thread");
        }
        CompletableFuture<Buffer> read = new CompletableFuture<>();
        Buffer received = Buffer.buffer();
        // the handlers run on the request's event loop; the future hands the body over to this thread
        request.exceptionHandler(read::completeExceptionally);
        request.handler(chunk -> {
            if (read.isDone()) {
                return;
            }
            if (received.length() + chunk.length() > limit) {
                request.pause();
                read.complete(null);
            } else {
                received.appendBuffer(chunk);
            }
        });
        request.endHandler(end -> read.complete(received));
        if (request.headers().contains(HttpHeaders.EXPECT, HttpHeaders.CONTINUE, true)) {
            request.response().writeContinue();
        }
        request.resume();
        try {
            Buffer complete = read.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return complete == null ? null : complete.getBytes();
        } catch (TimeoutException e) {
            request.pause();
            throw new InterruptedIOException(bodyTimedOut());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the body was read");
        } catch (ExecutionException e) {
            throw new IOException("the body could not be read: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Once the reply is set on the message: a request whose body was left unread ends its connection. */
    static void afterReply(Object body) {
        if (body instanceof HttpServerRequest request && !request.isEnded()) {
            HttpServerResponse response = request.response();
            boolean http2 = request.version() == HttpVersion.HTTP_2;
            if (!http2) {
                response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
            }
            response.bodyEndHandler(written -> endUnreadRequest(response, http2));
        }
    }

    private static void judgeHead(RoutingContext ctx, FinsifyWebhookHandler handler, boolean serverReadsBody) {
        HttpServerRequest request = ctx.request();
        List<String> tokens = request.headers().getAll(PresentedToken.HEADER);
        Reply refusal = handler.judgeHead(tokens.isEmpty() ? null : tokens.size() == 1 ? tokens.get(0) : tokens,
                request.query(), FinsifyWebhookHandler.declaredLength(request.getHeader(HttpHeaders.CONTENT_LENGTH)),
                request.getHeader(HttpHeaders.CONTENT_TYPE));
        if (refusal != null) {
            answer(ctx, refusal);
            return;
        }
        if (serverReadsBody) {
            // timers of a context run on its event loop, as the request's end does: the two cannot overlap
            long timer = ctx.vertx().setTimer(FinsifyWebhookHandler.BODY_TIMEOUT.toMillis(), expired -> {
                request.pause();
                Reply timedOut = Reply.error(408, bodyTimedOut());
                handler.answered(timedOut);
                answer(ctx, timedOut);
            });
            ctx.put(BODY_TIMER, timer);
            request.end().onComplete(ended -> ctx.vertx().cancelTimer(timer));
        }
        ctx.next();
    }

    private static void failed(RoutingContext ctx, FinsifyWebhookHandler handler, Reply tooLarge) {
        Long timer = ctx.get(BODY_TIMER);
        if (timer != null) {
            ctx.vertx().cancelTimer(timer);
        }
        if (ctx.statusCode() == 413 && !ctx.response().ended()) {
            handler.answered(tooLarge);
            answer(ctx, tooLarge);
        } else if (!ctx.response().ended()) {
            ctx.next();
        }
        // else: the connection this intake answered and closed failed the body's reading: nothing to tell
    }

    private static void answer(RoutingContext ctx, Reply reply) {
        HttpServerRequest request = ctx.request();
        HttpServerResponse response = ctx.response();
        if (response.ended()) {
            return;
        }
        boolean unread = !request.isEnded();
        boolean http2 = request.version() == HttpVersion.HTTP_2;
        response.setStatusCode(reply.status()).putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        if (unread && !http2) {
            response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        }
        response.end(reply.json()).onComplete(written -> {
            if (unread) {
                endUnreadRequest(response, http2);
            }
        });
    }

    /** The rest of the body is still on the wire: the connection (HTTP/2: the stream) cannot go on. */
    private static void endUnreadRequest(HttpServerResponse response, boolean http2) {
        if (http2) {
            response.reset(0); // RST_STREAM NO_ERROR once the answer is out, as RFC 9113 8.1 allows
        } else {
            response.close(); // after what was written
        }
    }

    private static String bodyTimedOut() {
        return "the body did not arrive within " + FinsifyWebhookHandler.BODY_TIMEOUT.toSeconds() + " s";
    }
}
