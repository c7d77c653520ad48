package io.github.camelfinsify;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

import io.github.camelfinsify.model.FinsifyEvent;
import io.github.camelfinsify.model.LoginStatusEvent;
import io.github.camelfinsify.model.NewTransactionsEvent;
import io.github.camelfinsify.webhook.FinsifyEventParser;
import io.github.camelfinsify.webhook.InvalidWebhookException;
import io.github.camelfinsify.webhook.WebhookTokens;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.spi.IdempotentRepository;

/**
 * Answers Finsify's webhook POSTs. The event goes to the route in an exchange of its own (nothing of the HTTP request
 * reaches it), and the sender gets 2xx only once the route processed it, so a failure makes Finsify retry. Bad
 * requests get 400, 401, 413 or 415 with a short JSON error, and are never delivered.
 */
final class FinsifyWebhookHandler implements Processor {

    static final String TOKEN_HEADER = "X-Finsify-Token";
    static final String TOKEN_PARAMETER = "token";

    private final FinsifyEndpoint endpoint;
    private final EventDelivery delivery;
    private final WebhookTokens tokens;
    private final FinsifyEventParser parser = new FinsifyEventParser();
    private final IdempotentRepository idempotentRepository;
    private final int maxBodySize;
    private final TransactionSync sync;

    FinsifyWebhookHandler(FinsifyEndpoint endpoint, EventDelivery delivery) {
        FinsifyConfiguration configuration = endpoint.getConfiguration();
        this.endpoint = endpoint;
        this.delivery = delivery;
        this.tokens = new WebhookTokens(configuration.getWebhookToken());
        this.idempotentRepository = endpoint.idempotentRepository();
        this.maxBodySize = configuration.getMaxBodySize();
        this.sync = configuration.isFetchTransactions() ? endpoint.createSync() : null;
        if (configuration.isFetchTransactions() && configuration.getLoginSecretResolver() == null) {
            throw new IllegalArgumentException("finsify:webhook with fetchTransactions=true needs option "
                                               + "loginSecretResolver, to find the secret of the notified login");
        }
    }

    @Override
    public void process(Exchange http) {
        Message in = http.getIn();
        Reply reply = handle(in);
        // nothing of the request goes back in the response
        in.removeHeaders("*");
        in.setHeader(Exchange.HTTP_RESPONSE_CODE, reply.status());
        in.setHeader(Exchange.CONTENT_TYPE, "application/json");
        in.setBody(reply.json());
    }

    private Reply handle(Message in) {
        String token = in.getHeader(TOKEN_HEADER, String.class);
        if (!tokens.accepts(token != null ? token : in.getHeader(TOKEN_PARAMETER, String.class))) {
            return Reply.error(401, "missing or wrong webhook token");
        }
        Long declaredLength = in.getHeader(Exchange.CONTENT_LENGTH, Long.class);
        if (declaredLength != null && declaredLength > maxBodySize) {
            return Reply.error(413, "the body is larger than " + maxBodySize + " bytes");
        }
        if (!isJson(in.getHeader(Exchange.CONTENT_TYPE, String.class))) {
            return Reply.error(415, "the body must be application/json");
        }
        byte[] body = readBody(in, declaredLength);
        if (body == null) {
            return Reply.error(413, "the body is larger than " + maxBodySize + " bytes");
        }
        FinsifyEvent event;
        try {
            event = parser.parse(body);
        } catch (InvalidWebhookException e) {
            return Reply.error(400, "not a Finsify event: " + e.getMessage());
        }
        String key = event instanceof NewTransactionsEvent n ? n.referenceId() : null;
        try {
            if (key != null && !idempotentRepository.add(key)) {
                return new Reply(200, "{\"status\":\"duplicate\"}");
            }
        } catch (RuntimeException e) {
            // a shared repository that is down (or loses a race) must not turn into an unexplained error page
            delivery.exceptionHandler().handleException("Finsify webhook event could not be recorded as received", e);
            return Reply.error(503, "the event could not be recorded; send it again");
        }
        boolean processed = false;
        try {
            processed = deliver(event);
        } catch (RuntimeException e) {
            delivery.exceptionHandler().handleException("Finsify webhook event could not be processed", e);
        } finally {
            if (key != null) {
                settle(key, processed);
            }
        }
        return processed ? new Reply(200, "{\"status\":\"processed\"}")
                : Reply.error(500, "the event was not processed; send it again");
    }

    private void settle(String key, boolean processed) {
        try {
            if (processed) {
                idempotentRepository.confirm(key);
            } else {
                idempotentRepository.remove(key); // the sender's retry must get through
            }
        } catch (RuntimeException e) {
            delivery.exceptionHandler().handleException("Finsify webhook event " + key
                                                        + " could not be settled in the idempotent repository", e);
        }
    }

    private boolean deliver(FinsifyEvent event) {
        if (event instanceof LoginStatusEvent status) {
            endpoint.getComponent().loginStatuses().update(status);
        } else if (event instanceof NewTransactionsEvent n) {
            endpoint.getComponent().loginStatuses().clear(n.loginId());
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
        return delivery.deliver(exchange, "Finsify " + event.eventType() + " event");
    }

    private boolean fetchTransactions(NewTransactionsEvent event) {
        String loginSecret = endpoint.getConfiguration().getLoginSecretResolver().resolve(event.loginId());
        if (loginSecret == null || loginSecret.isBlank()) {
            throw new IllegalStateException("The loginSecretResolver knows no secret for login " + event.loginId()
                                            + ": its transactions cannot be fetched");
        }
        for (long accountId : event.accountIds()) {
            try (TransactionSync.Session session = sync.open(endpoint.getClient(), loginSecret, accountId)) {
                for (TransactionChange change : session.changes()) {
                    if (session.isDelivered(change)) {
                        Exchange exchange = delivery.newExchange();
                        SyncExchanges.populate(exchange, change, event.loginId());
                        exchange.getIn().setHeader(FinsifyConstants.EVENT, event);
                        exchange.getIn().setHeader(FinsifyConstants.EVENT_TYPE, event.eventType());
                        if (!delivery.deliver(exchange, "Finsify transaction " + change.id())) {
                            return false;
                        }
                    }
                    session.commit(change);
                }
            }
        }
        return true;
    }

    private byte[] readBody(Message in, Long declaredLength) {
        Object body = in.getBody();
        if (body == null) {
            return new byte[0];
        }
        if (body instanceof byte[] bytes) {
            return bytes.length > maxBodySize ? null : bytes;
        }
        if (body instanceof String text) {
            byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            return bytes.length > maxBodySize ? null : bytes;
        }
        InputStream stream = in.getBody(InputStream.class);
        if (stream == null) {
            byte[] bytes = in.getBody(byte[].class);
            return bytes == null || bytes.length > maxBodySize ? null : bytes;
        }
        // read one byte more than allowed to see an oversized body; no more than the declared length needs
        int limit = declaredLength != null && declaredLength >= 0 ? (int) Math.min(declaredLength, maxBodySize) + 1
                : maxBodySize + 1;
        try (InputStream bounded = stream) {
            byte[] bytes = bounded.readNBytes(limit);
            return bytes.length > maxBodySize ? null : bytes;
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String mime = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return mime.equals("application/json") || mime.startsWith("application/") && mime.endsWith("+json");
    }

    private record Reply(int status, String json) {
        static Reply error(int status, String message) {
            return new Reply(status, "{\"error\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
        }
    }
}
