package io.github.camelfinsify.test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Captures every log event, at DEBUG for every logger (Camel's included), with message and stack trace, so tests can
 * assert what the logs hold.
 *
 * <p>Apache HttpClient's {@code org.apache.hc.client5.http.headers} and {@code wire} loggers print raw request
 * headers, secrets included, by design: they are wire dumps, documented as unsafe for production. They stay at INFO
 * here. So do the loggers of the test's stand-in for Finsify (WireMock and its Jetty), which print what the server
 * received: in production that server is Finsify's, not in this JVM. Every other logger is at DEBUG.
 */
public final class LogCapture implements BeforeEachCallback, AfterEachCallback {

    public static final List<String> WIRE_DUMP_LOGGERS = List.of(
            "org.apache.hc.client5.http.headers", "org.apache.hc.client5.http.wire");
    public static final List<String> STAND_IN_SERVER_LOGGERS = List.of(
            "org.eclipse.jetty", "wiremock", "com.github.tomakehurst.wiremock", "org.wiremock");

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private AbstractAppender appender;

    @Override
    public void beforeEach(ExtensionContext context) {
        lines.clear();
        warnings.clear();
        LoggerContext loggerContext = (LoggerContext) LogManager.getContext(false);
        appender = new AbstractAppender("capture", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                StringBuilder line = new StringBuilder(event.getLoggerName()).append(' ')
                        .append(event.getMessage().getFormattedMessage());
                for (Throwable t = event.getThrown(); t != null; t = t.getCause()) {
                    line.append(" | ").append(t);
                }
                lines.add(line.toString());
                if (event.getLevel().isMoreSpecificThan(Level.WARN)) {
                    warnings.add(line.toString());
                }
            }
        };
        appender.start();
        Configuration config = loggerContext.getConfiguration();
        config.addAppender(appender);
        config.getRootLogger().addAppender(appender, Level.ALL, null);
        for (LoggerConfig logger : config.getLoggers().values()) {
            // an additive logger hands its events to the root's appenders: adding it there too would record them twice
            if (logger != config.getRootLogger() && !logger.isAdditive()) {
                logger.addAppender(appender, Level.ALL, null);
            }
        }
        Configurator.setAllLevels(LogManager.ROOT_LOGGER_NAME, Level.DEBUG);
        WIRE_DUMP_LOGGERS.forEach(name -> Configurator.setLevel(name, Level.INFO));
        STAND_IN_SERVER_LOGGERS.forEach(name -> Configurator.setLevel(name, Level.INFO));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        LoggerContext loggerContext = (LoggerContext) LogManager.getContext(false);
        Configuration config = loggerContext.getConfiguration();
        config.getRootLogger().removeAppender(appender.getName());
        for (LoggerConfig logger : config.getLoggers().values()) {
            logger.removeAppender(appender.getName());
        }
        appender.stop();
        loggerContext.reconfigure();
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** The lines logged at WARN or above. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }
}
