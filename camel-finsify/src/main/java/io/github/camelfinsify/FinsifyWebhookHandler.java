package io.github.camelfinsify;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.camelfinsify.client.FinsifyApiException;
import io.github.camelfinsify.client.FinsifyErrorCode;
import io.github.camelfinsify.client.FinsifyJson;
import io.github.camelfinsify.model.FinsifyEvent;
import io.github.camelfinsify.model.LoginStatusEvent;
import io.github.camelfinsify.model.NewTransactionsEvent;
import io.github.camelfinsify.sync.SyncRequests;
import io.github.camelfinsify.sync.SyncStatistics;
import io.github.camelfinsify.webhook.FinsifyEventParser;
import io.github.camelfinsify.webhook.InvalidWebhookException;
import io.github.camelfinsify.webhook.PresentedToken;
import io.github.camelfinsify.webhook.WebhookStatistics;
import io.github.camelfinsify.webhook.WebhookStatistics.Outcome;
import io.github.camelfinsify.webhook.WebhookTokens;
import io.github.camelfinsify.sync.SyncInProgressException;
import io.github.camelfinsify.sync.TransactionSync;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers Finsify's webhook POSTs. The event goes to the route in an exchange of its own (nothing of the HTTP request
 * reaches it), and the sender gets 2xx only once the route processed it, so a failure makes Finsify retry. Bad
 * requests get 400, 401, 408, 413 or 415 with a short JSON error, and are never delivered. The token, the declared
 * length and the content type are judged before the body is read ({@link #judgeHead}), and no more than
 * {@code maxBodySize} bytes of it are read (on Vert.x, see {@link VertxWebhookIntake}).
 */
final class FinsifyWebhookHandler implements Processor {

    /** How long a webhook waits for a running sync of its account before it asks the sender to come again. */
    static final Duration SYNC_WAIT = Duration.ofSeconds(5);
    static final int RETRY_AFTER_SECONDS = 10;
    /** How long the body may take to arrive once the head was accepted (Vert.x): an event is a few hundred bytes. */
    static final Duration BODY_TIMEOUT = Duration.ofSeconds(10);

    /** camel-platform-http-vertx is optional: the class that uses it is loaded only when it is on the class path. */
    static final boolean VERTX_PRESENT
            = isPresent("org.apache.camel.component.platform.http.vertx.VertxPlatformHttpEngine");

    private static final Logger LOG = LoggerFactory.getLogger(FinsifyWebhookHandler.class);

    private final FinsifyEndpoint endpoint;
    private final EventDelivery delivery;
    private final WebhookTokens tokens;
    private final FinsifyEventParser parser = new FinsifyEventParser();
    private final IdempotentRepository idempotentRepository;
    private final int maxBodySize;
    private final TransactionSync sync;
    private final FinsifyLoginSecretResolver secrets;
    /** Set with requestSync: where new-transactions events go to the multi-login consumer. */
    private final SyncRequests syncRequests;
    /** The referenceIds being delivered right now. */
    private final Map<String, Boolean> inFlight = new ConcurrentHashMap<>();
    private final WebhookStatistics statistics;
    private final SyncStatistics syncStatistics;

    /** A handler whose counts nobody reads (camel-webhook's endpoint). */
    FinsifyWebhookHandler(FinsifyEndpoint endpoint, EventDelivery delivery) {
        this(endpoint, delivery, new WebhookStatistics(), new SyncStatistics(endpoint.getComponent().clock()));
    }

    FinsifyWebhookHandler(FinsifyEndpoint endpoint, EventDelivery delivery, WebhookStatistics statistics,
                          SyncStatistics syncStatistics) {
        FinsifyConfiguration configuration = endpoint.getConfiguration();
        this.endpoint = endpoint;
        this.delivery = delivery;
        this.statistics = statistics;
        this.syncStatistics = syncStatistics;
        this.tokens = WebhookTokens.of(configuration.getWebhookToken(), configuration.isAllowUnauthenticated());
        if (configuration.getMaxBodySize() < 0) {
            throw new IllegalArgumentException("Option maxBodySize must be 0 or more, was "
                                               + configuration.getMaxBodySize());
        }
        this.idempotentRepository = endpoint.idempotentRepository();
        this.maxBodySize = configuration.getMaxBodySize();
        this.sync = configuration.isFetchTransactions() ? endpoint.createSync() : null;
        this.secrets = configuration.getLoginSecretResolver() != null ? configuration.getLoginSecretResolver()
                : configuration.getLoginDirectory() != null ? configuration.getLoginDirectory()::secretOf : null;
        if (configuration.isFetchTransactions() && secrets == null) {
            throw new IllegalArgumentException("finsify:webhook with fetchTransactions=true needs option "
                                               + "loginSecretResolver or loginDirectory, to find the secret of the "
                                               + "notified login");
        }
        this.syncRequests = configuration.isRequestSync() ? endpoint.syncRequests() : null;
        ServiceHelper.startService(configuration.getLoginDirectory(), syncRequests);
        if (!tokens.isRequired()) {
            LOG.warn("finsify:webhook accepts requests without a token (allowUnauthenticated=true): anyone who reaches "
                     + "it can post events, unless a gateway in front authenticates the sender");
        }
    }

    @Override
    public void process(Exchange http) {
        Message in = http.getIn();
        Object body = in.getBody();
        Reply reply = handle(in, body);
        // nothing of the request goes back in the response
        in.removeHeaders("*");
        in.setHeader(Exchange.HTTP_RESPONSE_CODE, reply.status());
        in.setHeader(Exchange.CONTENT_TYPE, "application/json");
        if (reply.retryAfterSeconds() != null) {
            in.setHeader("Retry-After", reply.retryAfterSeconds());
        }
        in.setBody(reply.json());
        if (VERTX_PRESENT) {
            VertxWebhookIntake.afterReply(body);
        }
    }

    /**
     * The answer to a request that its head alone refuses (the token, then the declared length, then the content
     * type), or {@code null} when its body may be read.
     *
     * @param tokenHeader header {@value PresentedToken#HEADER} as the engine hands it over (see {@link PresentedToken})
     * @param rawQuery    the query string as received, still URL-encoded
     */
    Reply judgeHead(Object tokenHeader, String rawQuery, Long declaredLength, String contentType) {
        Reply refusal = refuseByHead(tokenHeader, rawQuery, declaredLength, contentType);
        if (refusal != null) {
            answered(refusal);
        }
        return refusal;
    }

    /** Counts an answer given outside {@link #process} (on Vert.x, by the intake). */
    void answered(Reply reply) {
        statistics.answered(reply.outcome());
    }

    private Reply refuseByHead(Object tokenHeader, String rawQuery, Long declaredLength, String contentType) {
        if (!tokens.accepts(PresentedToken.read(tokenHeader, rawQuery))) {
            return Reply.error(401, "missing or wrong webhook token");
        }
        if (declaredLength != null && declaredLength > maxBodySize) {
            return tooLarge(maxBodySize);
        }
        if (!FinsifyJson.isJsonContentType(contentType)) {
            return Reply.error(415, "the body must be application/json");
        }
        return null;
    }

    static Reply tooLarge(long limit) {
        return Reply.error(413, "the body is larger than " + limit + " bytes");
    }

    private Reply handle(Message in, Object body) {
        Reply refusal = judgeHead(in.getHeader(PresentedToken.HEADER), rawQuery(in), declaredLength(in),
                in.getHeader(Exchange.CONTENT_TYPE, String.class));
        if (refusal != null) {
            return refusal; // counted by judgeHead
        }
        Reply reply = handleBody(in, body);
        answered(reply);
        return reply;
    }

    private Reply handleBody(Message in, Object body) {
        byte[] bytes;
        try {
            bytes = readBody(in, body);
        } catch (InterruptedIOException e) {
            return Reply.error(408, e.getMessage());
        } catch (IOException e) {
            return Reply.error(400, "the body could not be read");
        }
        if (bytes == null) {
            return tooLarge(maxBodySize);
        }
        FinsifyEvent event;
        try {
            event = parser.parse(bytes);
        } catch (InvalidWebhookException e) {
            return Reply.error(400, "not a Finsify event: " + e.getMessage());
        }
        String key = event instanceof NewTransactionsEvent n ? n.referenceId() : null;
        if (key == null) {
            return reply(deliver(event));
        }
        if (inFlight.putIfAbsent(key, Boolean.TRUE) != null) {
            // acknowledging it now would lose the event if the first delivery then fails
            return Reply.busy("the event is being processed; send it again later");
        }
        try {
            return deliverOnce(key, event);
        } finally {
            inFlight.remove(key);
        }
    }

    /** The repository records events once processed, so a repeat of one that failed is delivered again. */
    private Reply deliverOnce(String key, FinsifyEvent event) {
        try {
            if (idempotentRepository.contains(key)) {
                return new Reply(200, "{\"status\":\"duplicate\"}", null, Outcome.DUPLICATE);
            }
        } catch (RuntimeException e) {
            // a shared repository that is down must not turn into an unexplained error page
            delivery.exceptionHandler().handleException("Finsify webhook event could not be checked for repeats", e);
            return Reply.error(503, "the event could not be checked for repeats; send it again");
        }
        Delivered outcome = deliver(event);
        if (outcome == Delivered.PROCESSED || outcome == Delivered.REJECTED) {
            try {
                idempotentRepository.add(key);
            } catch (RuntimeException e) {
                delivery.exceptionHandler().handleException("Finsify webhook event " + key
                                                            + " was processed but could not be recorded", e);
            }
        }
        return reply(outcome);
    }

    private static Reply reply(Delivered outcome) {
        return switch (outcome) {
            case PROCESSED -> new Reply(200, "{\"status\":\"processed\"}");
            case REJECTED -> new Reply(200, "{\"status\":\"rejected\"}", null, Outcome.REJECTED);
            case BUSY -> Reply.busy("the account is being synced; send the event again later");
            case FAILED -> Reply.error(500, "the event was not processed; send it again");
        };
    }

    private Delivered deliver(FinsifyEvent event) {
        try {
            if (event instanceof LoginStatusEvent status) {
                endpoint.getComponent().loginStatuses().update(status);
            } else if (event instanceof NewTransactionsEvent n) {
                endpoint.getComponent().loginStatuses().clear(n.loginId());
                if (syncRequests != null) {
                    syncRequests.request(n.loginId(), n.accountIds());
                }
            }
            if (sync != null && event instanceof NewTransactionsEvent n) {
                return fetchTransactions(n);
            }
            Exchange exchange = delivery.newExchange();
            Message message = exchange.getIn();
            message.setBody(event);
            message.setHeader(FinsifyConstants.EVENT_TYPE, event.eventType());
            if (event instanceof NewTransactionsEvent n) {
                message.setHeader(FinsifyConstants.LOGIN_ID, n.loginId());
            } else if (event instanceof LoginStatusEvent status) {
                message.setHeader(FinsifyConstants.LOGIN_ID, status.loginId());
                message.setHeader(FinsifyConstants.LOGIN_STATUS, status.status());
            }
            return delivery.deliver(exchange, () -> "Finsify " + event.eventType() + " event") ? Delivered.PROCESSED
                    : Delivered.FAILED;
        } catch (SyncInProgressException e) {
            return Delivered.BUSY;
        } catch (RuntimeException e) {
            delivery.exceptionHandler().handleException("Finsify webhook event could not be processed", e);
            return Delivered.FAILED;
        }
    }

    private Delivered fetchTransactions(NewTransactionsEvent event) {
        String loginSecret = secrets.resolve(event.loginId());
        if (loginSecret == null || loginSecret.isBlank()) {
            return reject(event, new FinsifyEventRejectedException(event, "the loginSecretResolver knows no secret "
                                                                          + "for login " + event.loginId()));
        }
        for (long accountId : event.accountIds()) {
            try (TransactionSync.Session session = sync.open(endpoint.getClient(), loginSecret, accountId,
                    SYNC_WAIT)) {
                SyncExchanges.deliver(session, delivery, event.loginId(), syncStatistics, (exchange, index, size) -> {
                    exchange.getIn().setHeader(FinsifyConstants.EVENT, event);
                    exchange.getIn().setHeader(FinsifyConstants.EVENT_TYPE, event.eventType());
                }, () -> true);
                if (!session.isComplete()) {
                    return Delivered.FAILED;
                }
                syncStatistics.accountSynced();
            } catch (FinsifyApiException e) {
                if (e.errorCode() == FinsifyErrorCode.LOGIN_NOT_FOUND
                    || e.errorCode() == FinsifyErrorCode.ACCOUNT_NOT_FOUND) {
                    return reject(event, new FinsifyEventRejectedException(event, e.getMessage(), e));
                }
                throw e;
            }
        }
        return Delivered.PROCESSED;
    }

    /**
     * An event that can never succeed is answered so that the sender stops, and goes to the consumer's exception
     * handler (the route's error handler with {@code bridgeErrorHandler=true}), with the event in header
     * {@code CamelFinsifyEvent}.
     */
    private Delivered reject(NewTransactionsEvent event, FinsifyEventRejectedException reason) {
        Exchange exchange = delivery.newExchange();
        try {
            exchange.getIn().setBody(event);
            exchange.getIn().setHeader(FinsifyConstants.EVENT, event);
            exchange.getIn().setHeader(FinsifyConstants.EVENT_TYPE, event.eventType());
            exchange.getIn().setHeader(FinsifyConstants.LOGIN_ID, event.loginId());
            delivery.exceptionHandler().handleException(reason.getMessage(), exchange, reason);
        } finally {
            delivery.release(exchange);
        }
        return Delivered.REJECTED;
    }

    /**
     * The body as the engine handed it over, or {@code null} when it is longer than {@code maxBodySize}: a stream or a
     * paused Vert.x request ({@link VertxWebhookIntake}) is read no further than just past it.
     */
    private byte[] readBody(Message in, Object body) throws IOException {
        if (body == null) {
            return new byte[0];
        }
        if (VERTX_PRESENT && VertxWebhookIntake.isVertxBody(body)) {
            return VertxWebhookIntake.read(body, maxBodySize, BODY_TIMEOUT);
        }
        if (body instanceof byte[] bytes) {
            return bytes.length > maxBodySize ? null : bytes;
        }
        InputStream stream = in.getBody(InputStream.class);
        if (stream == null) {
            throw new IOException("the body (" + body.getClass().getSimpleName() + ") cannot be read as bytes");
        }
        try (stream) {
            byte[] bytes = stream.readNBytes((int) Math.min(maxBodySize + 1L, Integer.MAX_VALUE));
            return bytes.length > maxBodySize ? null : bytes;
        }
    }

    /** The query string as received (still URL-encoded): the token parameter is read from it, never from headers. */
    private static String rawQuery(Message in) {
        String raw = in.getHeader(Exchange.HTTP_RAW_QUERY, String.class);
        return raw != null ? raw : in.getHeader(Exchange.HTTP_QUERY, String.class);
    }

    /** The declared length, or {@code null} when absent or not one number (the read is bounded all the same). */
    static Long declaredLength(Object value) {
        try {
            return value instanceof Number number ? Long.valueOf(number.longValue())
                    : value instanceof String text ? Long.valueOf(text.trim()) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long declaredLength(Message in) {
        return declaredLength(in.getHeader(Exchange.CONTENT_LENGTH));
    }

    private static boolean isPresent(String className) {
        try {
            Class.forName(className, false, FinsifyWebhookHandler.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private enum Delivered { PROCESSED, FAILED, BUSY, REJECTED }

    record Reply(int status, String json, Integer retryAfterSeconds, Outcome outcome) {

        Reply(int status, String json) {
            this(status, json, null, Outcome.ofStatus(status));
        }

        static Reply error(int status, String message) {
            return new Reply(status, FinsifyJson.mapper().createObjectNode().put("error", message).toString());
        }

        /** 503 with Retry-After: every sender retries it. */
        static Reply busy(String message) {
            Reply error = error(503, message);
            return new Reply(503, error.json(), RETRY_AFTER_SECONDS, Outcome.SERVER_ERROR);
        }
    }
}
