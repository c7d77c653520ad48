package io.github.camelfinsify;

import org.apache.camel.Exchange;
import org.apache.camel.spi.ExceptionHandler;
import org.apache.camel.support.DefaultConsumer;

/**
 * Delivery through a consumer's own route: pooled exchanges, and the consumer's exception handler (which
 * {@code bridgeErrorHandler=true} turns into the route's error handler).
 */
final class ConsumerDelivery implements EventDelivery {

    private final DefaultConsumer consumer;

    ConsumerDelivery(DefaultConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public Exchange newExchange() {
        return consumer.createExchange(false);
    }

    @Override
    public void process(Exchange exchange) {
        try {
            consumer.getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
    }

    @Override
    public void release(Exchange exchange) {
        consumer.releaseExchange(exchange, false);
    }

    @Override
    public ExceptionHandler exceptionHandler() {
        return consumer.getExceptionHandler();
    }
}
