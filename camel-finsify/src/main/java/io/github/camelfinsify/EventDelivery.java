package io.github.camelfinsify;

import org.apache.camel.Exchange;
import org.apache.camel.spi.ExceptionHandler;

/**
 * How the receiving consumers hand an exchange to the route: through a consumer of their own, or through the
 * processor the {@code webhook:} meta component gives.
 */
interface EventDelivery {

    Exchange newExchange();

    /** Runs the route synchronously; the outcome is on the exchange. */
    void process(Exchange exchange);

    void release(Exchange exchange);

    ExceptionHandler exceptionHandler();

    /** Runs the route for one exchange and answers whether it completed without error; failures are reported. */
    default boolean deliver(Exchange exchange, String what) {
        try {
            process(exchange);
            if (exchange.getException() != null) {
                exceptionHandler().handleException(what + " failed in the route", exchange, exchange.getException());
                return false;
            }
            return true;
        } finally {
            release(exchange);
        }
    }
}
