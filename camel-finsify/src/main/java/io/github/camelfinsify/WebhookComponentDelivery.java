package io.github.camelfinsify;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.spi.ExceptionHandler;
import org.apache.camel.support.LoggingExceptionHandler;

/**
 * Delivery through the processor the {@code webhook:} meta component hands over ({@code webhook:finsify:webhook}).
 */
final class WebhookComponentDelivery implements EventDelivery {

    private final FinsifyEndpoint endpoint;
    private final Processor next;
    private final ExceptionHandler exceptionHandler;

    WebhookComponentDelivery(FinsifyEndpoint endpoint, Processor next) {
        this.endpoint = endpoint;
        this.next = next;
        this.exceptionHandler = new LoggingExceptionHandler(endpoint.getCamelContext(), FinsifyWebhookHandler.class);
    }

    @Override
    public Exchange newExchange() {
        return endpoint.createExchange();
    }

    @Override
    public void process(Exchange exchange) {
        try {
            next.process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
    }

    @Override
    public void release(Exchange exchange) {
        // not pooled: nothing to give back
    }

    @Override
    public ExceptionHandler exceptionHandler() {
        return exceptionHandler;
    }
}
