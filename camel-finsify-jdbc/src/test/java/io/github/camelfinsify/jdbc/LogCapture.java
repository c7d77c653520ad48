package io.github.camelfinsify.jdbc;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Captures every log event at DEBUG and above, of every logger, with its message and causes. */
final class LogCapture implements BeforeEachCallback, AfterEachCallback {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private AbstractAppender appender;

    @Override
    public void beforeEach(ExtensionContext context) {
        lines.clear();
        appender = new AbstractAppender("capture", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                StringBuilder line = new StringBuilder(event.getLoggerName()).append(' ')
                        .append(event.getMessage().getFormattedMessage());
                for (Throwable t = event.getThrown(); t != null; t = t.getCause()) {
                    line.append(" | ").append(t);
                }
                lines.add(line.toString());
            }
        };
        appender.start();
        Configuration config = ((LoggerContext) LogManager.getContext(false)).getConfiguration();
        config.addAppender(appender);
        config.getLoggers().values().forEach(logger -> logger.addAppender(appender, Level.ALL, null));
        config.getRootLogger().addAppender(appender, Level.ALL, null);
        Configurator.setAllLevels(LogManager.ROOT_LOGGER_NAME, Level.DEBUG);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        LoggerContext loggerContext = (LoggerContext) LogManager.getContext(false);
        Configuration config = loggerContext.getConfiguration();
        config.getLoggers().values().forEach(logger -> logger.removeAppender(appender.getName()));
        config.getRootLogger().removeAppender(appender.getName());
        appender.stop();
        loggerContext.reconfigure();
    }

    List<String> lines() {
        return List.copyOf(lines);
    }
}
