package io.github.camelfinsify;

import org.apache.camel.Processor;

/**
 * {@code finsify:connect}: receives the browser redirect that ends the connect page, on {@code path} (default
 * {@code /finsify/connect}) and every path below it.
 */
public class FinsifyConnectConsumer extends PlatformHttpBackedConsumer {

    static final String DEFAULT_PATH = "/finsify/connect";

    public FinsifyConnectConsumer(FinsifyEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    String platformHttpUri() {
        // the prefix also matches /finsify/connectX: the handler answers its own path and the paths below it only
        return "platform-http:" + getEndpoint().pathOr(DEFAULT_PATH) + "?matchOnUriPrefix=true&httpMethodRestrict=GET";
    }

    @Override
    Processor createHandler() {
        return new FinsifyConnectHandler(getEndpoint(), this);
    }
}
