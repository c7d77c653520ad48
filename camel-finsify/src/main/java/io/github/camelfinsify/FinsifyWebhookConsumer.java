package io.github.camelfinsify;

import org.apache.camel.Processor;

/**
 * {@code finsify:webhook}: receives Finsify's webhook events on {@code path} (default {@code /finsify/webhook}).
 */
public class FinsifyWebhookConsumer extends PlatformHttpBackedConsumer {

    static final String DEFAULT_PATH = "/finsify/webhook";

    public FinsifyWebhookConsumer(FinsifyEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    String platformHttpUri() {
        // useBodyHandler=false: on Vert.x the body stays unread until the request's head was judged (RequestBody)
        return "platform-http:" + getEndpoint().pathOr(DEFAULT_PATH) + "?httpMethodRestrict=POST&useBodyHandler=false";
    }

    @Override
    Processor createHandler() {
        return new FinsifyWebhookHandler(getEndpoint(), this);
    }
}
