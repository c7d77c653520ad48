package io.github.camelfinsify;

import io.github.camelfinsify.model.ConnectResult;
import io.github.camelfinsify.webhook.ConnectCallbackParser;
import io.github.camelfinsify.webhook.ConnectState;
import io.github.camelfinsify.webhook.ConnectStateSigner;
import io.github.camelfinsify.webhook.InvalidConnectStateException;
import io.github.camelfinsify.webhook.InvalidWebhookException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.spi.IdempotentRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the browser redirect that ends the connect page. The result goes to the route as a {@link ConnectResult};
 * the browser is then sent to {@code redirectUrl}, or shown a short page, and never sees the secret again.
 * <p>
 * With a signer, the callback must carry the state {@code createToken} or {@code reconnect} signed: a missing, forged,
 * expired or used one gets 403 and nothing reaches the route. The state is used up by the first callback that brings
 * it; if the route fails, it is released again.
 */
final class FinsifyConnectHandler implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(FinsifyConnectHandler.class);

    private final FinsifyEndpoint endpoint;
    private final EventDelivery delivery;
    private final ConnectStateSigner signer;
    private final IdempotentRepository usedStates;
    private final ConnectCallbackParser parser = new ConnectCallbackParser();
    private final String path;

    /**
     * @param signer     verifies the callback's state; {@code null} accepts callbacks without one
     * @param usedStates the nonces of the states already used (needed with a signer)
     */
    FinsifyConnectHandler(FinsifyEndpoint endpoint, EventDelivery delivery, ConnectStateSigner signer,
                          IdempotentRepository usedStates) {
        this.endpoint = endpoint;
        this.delivery = delivery;
        this.signer = signer;
        this.usedStates = usedStates;
        this.path = endpoint.pathOr(FinsifyConnectConsumer.DEFAULT_PATH);
    }

    @Override
    public void process(Exchange http) {
        Message in = http.getIn();
        String remainder = pathRemainder(in.getHeader(Exchange.HTTP_URI, String.class));
        String data = in.getHeader("data", String.class);
        in.removeHeaders("*");
        if (remainder == null) {
            page(in, 404, "Not found", "There is nothing here.");
            return;
        }
        ConnectResult result;
        try {
            result = parser.parse(remainder, data);
        } catch (InvalidWebhookException e) {
            page(in, 400, "This is not a Finsify connect result", e.getMessage());
            return;
        }
        ConnectState state = null;
        if (signer != null) {
            try {
                state = signer.verify(parser.stateSegment(remainder, data), usedStates::add);
            } catch (InvalidConnectStateException e) {
                LOG.debug("Refused a connect callback on {}: {}", path, e.getMessage());
                refused(in, e);
                return;
            } catch (RuntimeException e) {
                delivery.exceptionHandler().handleException("Finsify connect state could not be recorded as used", e);
                page(in, 503, "The connection could not be checked", "Please try again.");
                return;
            }
        }
        if (result.isSuccess()) {
            endpoint.getComponent().loginStatuses().clear(result.loginId());
        }
        Exchange exchange = delivery.newExchange();
        exchange.getIn().setBody(result);
        if (result.loginId() != null) {
            exchange.getIn().setHeader(FinsifyConstants.LOGIN_ID, result.loginId());
        }
        if (state != null) {
            exchange.getIn().setHeader(FinsifyConstants.CUSTOMER_ID, state.customerId());
        }
        boolean delivered = delivery.deliver(exchange, () -> "Finsify connect result");
        if (state != null) {
            settle(state, delivered);
        }
        if (!delivered) {
            page(in, 500, "The connection could not be saved", "Please try again.");
            return;
        }
        String redirectUrl = endpoint.getConfiguration().getRedirectUrl();
        if (redirectUrl != null && !redirectUrl.isBlank()) {
            in.setHeader(Exchange.HTTP_RESPONSE_CODE, 303);
            in.setHeader("Location", redirectUrl);
            in.setBody("");
        } else if (result.isSuccess()) {
            page(in, 200, "Your bank is connected", "You can close this window.");
        } else {
            page(in, 200, "Your bank was not connected", "The bank answered: " + result.status() + ".");
        }
    }

    /** Keeps a delivered state used; releases a failed one, so the user's retry of the same page gets through. */
    private void settle(ConnectState state, boolean delivered) {
        try {
            if (delivered) {
                usedStates.confirm(state.nonce());
            } else {
                usedStates.remove(state.nonce());
            }
        } catch (RuntimeException e) {
            delivery.exceptionHandler().handleException("Finsify connect state could not be settled", e);
        }
    }

    private static void refused(Message in, InvalidConnectStateException e) {
        String again = "Start connecting your bank again from the application.";
        switch (e.reason()) {
            case EXPIRED -> page(in, 403, "This connect link has expired", again);
            case REPLAYED -> page(in, 403, "This connect result was already used", again);
            default -> page(in, 403, "This connect result cannot be verified", again);
        }
    }

    /**
     * The raw request path after the consumer's path, where the callback puts its state and JSON; {@code null} for a
     * path that only starts like the consumer's ({@code /finsify/connectX}), which is not this consumer's.
     */
    private String pathRemainder(String uri) {
        if (uri == null) {
            return "";
        }
        String rawPath = uri.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://[^/]*", "");
        int query = rawPath.indexOf('?');
        rawPath = query >= 0 ? rawPath.substring(0, query) : rawPath;
        int at = rawPath.indexOf(path);
        if (at < 0) {
            return null;
        }
        String remainder = rawPath.substring(at + path.length());
        return remainder.isEmpty() || remainder.startsWith("/") ? remainder : null;
    }

    private static void page(Message in, int status, String title, String text) {
        in.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        in.setHeader(Exchange.CONTENT_TYPE, "text/html; charset=UTF-8");
        in.setBody("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + escape(title) + "</title></head>"
                   + "<body><h1>" + escape(title) + "</h1><p>" + escape(text) + "</p></body></html>");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
