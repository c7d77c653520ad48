package io.github.camelfinsify.reliability;

import java.util.concurrent.atomic.AtomicInteger;

import io.github.camelfinsify.client.FinsifyClient;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Counts the retries the component's client makes, from the WARN line it logs before each one
 * ({@code "... failed (...); retry n of m in d ms"}). Levels are left as configured.
 */
final class ClientRetryCounter implements AutoCloseable {

    // not LOGGER: inside the appender that name is AbstractLifeCycle's status logger
    private static final String CLIENT_LOGGER = FinsifyClient.class.getName();

    private final AtomicInteger retries = new AtomicInteger();
    private final AbstractAppender appender;
    private final LoggerConfig loggerConfig;

    ClientRetryCounter() {
        appender = new AbstractAppender("reliability-retries-" + System.identityHashCode(this), null, null, true,
                Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                if (CLIENT_LOGGER.equals(event.getLoggerName()) && event.getLevel() == Level.WARN
                    && event.getMessage().getFormattedMessage().contains("; retry ")) {
                    retries.incrementAndGet();
                }
            }
        };
        appender.start();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        // the nearest configured logger ("io.github.camelfinsify" in log4j2-test.xml): no logger is added or changed
        loggerConfig = context.getConfiguration().getLoggerConfig(CLIENT_LOGGER);
        loggerConfig.addAppender(appender, Level.WARN, null);
        context.updateLoggers();
    }

    int retries() {
        return retries.get();
    }

    @Override
    public void close() {
        loggerConfig.removeAppender(appender.getName());
        ((LoggerContext) LogManager.getContext(false)).updateLoggers();
        appender.stop();
    }
}
