package io.github.camelfinsify;

import io.github.camelfinsify.webhook.ConnectStateSigner;
import org.apache.camel.Processor;
import org.apache.camel.spi.IdempotentRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code finsify:connect}: receives the browser redirect that ends the connect page, on {@code path} (default
 * {@code /finsify/connect}) and every path below it. With {@code connectSigningKey} set, it accepts only callbacks
 * carrying a genuine, unexpired, unused state, and remembers the used ones in the endpoint's idempotent repository.
 */
public class FinsifyConnectConsumer extends PlatformHttpBackedConsumer {

    static final String DEFAULT_PATH = "/finsify/connect";

    private static final Logger LOG = LoggerFactory.getLogger(FinsifyConnectConsumer.class);

    private ConnectStateSigner signer;
    private IdempotentRepository usedStates;

    public FinsifyConnectConsumer(FinsifyEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    protected void doStart() throws Exception {
        signer = ConnectSigning.signerOf(getEndpoint());
        if (signer == null) {
            LOG.warn("finsify:connect on {} accepts every connect callback, whoever's browser brings it: set option "
                     + "connectSigningKey to bind each callback to the customer whose token started it",
                    getEndpoint().pathOr(DEFAULT_PATH));
        } else {
            usedStates = getEndpoint().idempotentRepository();
        }
        super.doStart();
    }

    @Override
    String platformHttpUri() {
        // the prefix also matches /finsify/connectX: the handler answers its own path and the paths below it only
        return "platform-http:" + getEndpoint().pathOr(DEFAULT_PATH) + "?matchOnUriPrefix=true&httpMethodRestrict=GET";
    }

    @Override
    Processor createHandler() {
        return new FinsifyConnectHandler(getEndpoint(), delivery(), signer, usedStates);
    }
}
