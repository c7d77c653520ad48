package io.github.camelfinsify;

import java.util.function.Supplier;

import org.apache.camel.Exchange;
import org.apache.camel.spi.ExceptionHandler;
import org.slf4j.LoggerFactory;

/**
 * How a consumer hands an exchange to the route: through a consumer of its own, or through the processor the
 * {@code webhook:} meta component gives.
 */
interface EventDelivery {

    Exchange newExchange();

    /** Runs the route synchronously. */
    void process(Exchange exchange);

    void release(Exchange exchange);

    ExceptionHandler exceptionHandler();

    /**
     * Runs the route for one exchange and answers whether it completed, as its unit of work decided; a failure is
     * reported to the consumer's exception handler, described by {@code what} (built only then: most exchanges
     * complete).
     */
    default boolean deliver(Exchange exchange, Supplier<String> what) {
        ExchangeCompletion completion = ExchangeCompletion.on(exchange);
        try {
            process(exchange);
            if (completion.completed(exchange)) {
                return true;
            }
            if (exchange.getException() != null) {
                exceptionHandler().handleException(what.get() + " failed in the route", exchange, exchange.getException());
            } else {
                LoggerFactory.getLogger(EventDelivery.class).warn("{} was rolled back by the route", what.get());
            }
            return false;
        } finally {
            release(exchange);
        }
    }
}
