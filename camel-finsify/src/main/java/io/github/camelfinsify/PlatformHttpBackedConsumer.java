package io.github.camelfinsify;

import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.service.ServiceHelper;

/**
 * A consumer that receives HTTP requests through {@code camel-platform-http}, so it runs on whatever HTTP engine the
 * runtime provides (Vert.x in Camel Main, the servlet engine in Spring Boot).
 */
abstract class PlatformHttpBackedConsumer extends DefaultConsumer {

    private Endpoint httpEndpoint;
    private Consumer httpConsumer;

    PlatformHttpBackedConsumer(FinsifyEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public FinsifyEndpoint getEndpoint() {
        return (FinsifyEndpoint) super.getEndpoint();
    }

    /** The {@code platform-http:} URI to listen on. */
    abstract String platformHttpUri();

    /** Answers one HTTP request. */
    abstract Processor createHandler();

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        httpEndpoint = getEndpoint().getCamelContext().getEndpoint(platformHttpUri());
        httpConsumer = httpEndpoint.createConsumer(createHandler());
        ServiceHelper.startService(httpConsumer);
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopAndShutdownService(httpConsumer);
        httpConsumer = null;
        if (httpEndpoint != null) {
            // created for this consumer alone: a stopped route leaves no platform-http endpoint behind
            getEndpoint().getCamelContext().removeEndpoint(httpEndpoint);
            httpEndpoint = null;
        }
        super.doStop();
    }

    /** How the handler hands what it received to the route. */
    EventDelivery delivery() {
        return new ConsumerDelivery(this);
    }
}
