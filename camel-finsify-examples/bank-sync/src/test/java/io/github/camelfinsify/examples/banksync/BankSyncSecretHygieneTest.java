package io.github.camelfinsify.examples.banksync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import io.github.camelfinsify.sandbox.FinsifySandbox;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.CamelContextTracker;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.ModelToXMLDumper;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.support.PluginHelper;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6, secret hygiene at demo level: the whole demo (Java DSL routes) with every logger at DEBUG, Camel's
 * included. No log line (with its stack traces), no endpoint {@code toString()} or URI, no route dump and nothing the
 * demo prints holds the sandbox's service secret, the login secret, the webhook token or the connect signing key.
 *
 * <p>Excluded by design (docs/security.md): Apache HttpClient's wire loggers ({@code org.apache.hc.client5.http.headers}
 * and {@code wire}), which dump raw request headers, and the loggers of the sandbox (the stand-in for Finsify's
 * server, with WireMock and Jetty), which print what the server received.
 */
class BankSyncSecretHygieneTest {

    private static final List<String> WIRE_DUMP_LOGGERS = List.of(
            "org.apache.hc.client5.http.headers", "org.apache.hc.client5.http.wire");
    private static final List<String> STAND_IN_SERVER_LOGGERS = List.of(
            "io.github.camelfinsify.sandbox", "org.eclipse.jetty", "wiremock", "com.github.tomakehurst.wiremock",
            "org.wiremock");
    private static final String WEBHOOK_TOKEN = "whTok" + Long.toHexString(System.nanoTime()) + "Hygiene";
    private static final String CONNECT_SIGNING_KEY = "csKey" + Long.toHexString(System.nanoTime()) + "Hygiene-0123456789";

    @TempDir
    Path dir;

    private final List<String> lines = new CopyOnWriteArrayList<>();
    /** Endpoint strings and route dumps, taken whenever a route starts and at the end of the run. */
    private final List<String> views = new CopyOnWriteArrayList<>();
    private AbstractAppender appender;

    @BeforeEach
    void captureEveryLoggerAtDebug() {
        LoggerContext loggerContext = (LoggerContext) LogManager.getContext(false);
        appender = new AbstractAppender("secret-hygiene-capture", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                String logger = event.getLoggerName() == null ? "" : event.getLoggerName();
                if (excluded(logger)) {
                    return;
                }
                StringBuilder line = new StringBuilder(logger).append(' ')
                        .append(event.getMessage().getFormattedMessage());
                if (event.getThrown() != null) {
                    StringWriter trace = new StringWriter();
                    event.getThrown().printStackTrace(new PrintWriter(trace));
                    line.append('\n').append(trace);
                }
                lines.add(line.toString());
            }
        };
        appender.start();
        Configuration config = loggerContext.getConfiguration();
        config.addAppender(appender);
        // only the capture: thousands of DEBUG lines on the console would only slow the run down
        config.getRootLogger().removeAppender("console");
        config.getRootLogger().addAppender(appender, Level.ALL, null);
        for (LoggerConfig logger : config.getLoggers().values()) {
            if (logger != config.getRootLogger()) {
                logger.removeAppender("console");
                logger.addAppender(appender, Level.ALL, null);
            }
        }
        Configurator.setAllLevels(LogManager.ROOT_LOGGER_NAME, Level.DEBUG);
        WIRE_DUMP_LOGGERS.forEach(name -> Configurator.setLevel(name, Level.INFO));
        STAND_IN_SERVER_LOGGERS.forEach(name -> Configurator.setLevel(name, Level.INFO));
    }

    @AfterEach
    void restoreLogging() {
        LoggerContext loggerContext = (LoggerContext) LogManager.getContext(false);
        Configuration config = loggerContext.getConfiguration();
        config.getRootLogger().removeAppender(appender.getName());
        for (LoggerConfig logger : config.getLoggers().values()) {
            logger.removeAppender(appender.getName());
        }
        appender.stop();
        loggerContext.reconfigure();
    }

    private static boolean excluded(String logger) {
        for (String name : WIRE_DUMP_LOGGERS) {
            if (logger.equals(name) || logger.startsWith(name + ".")) {
                return true;
            }
        }
        for (String name : STAND_IN_SERVER_LOGGERS) {
            if (logger.equals(name) || logger.startsWith(name + ".")) {
                return true;
            }
        }
        return false;
    }

    @Test
    void noSecretInLogsEndpointsOrRouteDumpsOfTheWholeDemo() throws Exception {
        DemoRun run = new DemoRun(dir, false);
        BankSyncOptions options = run.options.withEnv(Map.of("FINSIFY_WEBHOOK_TOKEN", WEBHOOK_TOKEN,
                "FINSIFY_CONNECT_SIGNING_KEY", CONNECT_SIGNING_KEY));

        AtomicReference<CamelContext> camel = new AtomicReference<>();
        CamelContextTracker tracker = new CamelContextTracker() {
            @Override
            public void contextCreated(CamelContext context) {
                camel.set(context);
                context.getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
                    @Override
                    public void notify(CamelEvent event) {
                        if (event instanceof CamelEvent.RouteStartedEvent) {
                            takeViews(context);
                        }
                    }
                });
            }
        };
        tracker.open();

        BankSyncReport report;
        FinsifySandbox sandbox;
        String loginSecret;
        try (BankSync demo = new BankSync(options)) {
            report = demo.run();
            sandbox = demo.sandbox();
            CamelContext context = camel.get();
            assertThat(context).as("the demo's CamelContext").isNotNull();
            takeViews(context);
            loginSecret = context.getRegistry().lookupByNameAndType("bankSyncSecrets", LoginSecretStore.class)
                    .resolve(report.loginId());
        } finally {
            tracker.close();
        }
        run.assertDatabaseMatchesSandbox(report, sandbox);

        Map<String, String> secrets = Map.of(
                "service secret", sandbox.serviceSecret(),
                "login secret", loginSecret,
                "webhook token", WEBHOOK_TOKEN,
                "connect signing key", CONNECT_SIGNING_KEY);
        secrets.forEach((name, value) -> assertThat(value).as(name).isNotBlank().hasSizeGreaterThan(8));

        // the capture did see Camel's DEBUG logging and every route of the demo, the backfill's included
        assertThat(lines).as("captured log lines").hasSizeGreaterThan(100)
                .anyMatch(line -> line.startsWith("org.apache.camel."));
        assertThat(views).anyMatch(view -> view.contains("finsify:transactions"))
                .anyMatch(view -> view.contains("finsify:webhook"))
                .anyMatch(view -> view.contains("finsify-backfill"))
                .noneMatch(view -> view.startsWith("dump of route"));

        List<String> everything = new ArrayList<>(lines);
        everything.addAll(views);
        everything.add(run.output());
        // only the offending texts in the failure message (there are tens of thousands of lines)
        List<String> leaks = new ArrayList<>();
        secrets.forEach((name, value) -> everything.stream()
                .filter(text -> text.contains(value))
                .forEach(text -> leaks.add(name + " in: " + text)));
        assertThat(leaks).as("log lines, endpoint strings, route dumps and demo output holding a secret").isEmpty();
    }

    /** Every endpoint's {@code toString()} and URIs, and every route's XML dump (as written and resolved). */
    private void takeViews(CamelContext context) {
        for (Endpoint endpoint : context.getEndpoints()) {
            views.add("endpoint " + endpoint + " | " + endpoint.getEndpointUri() + " | "
                      + endpoint.getEndpointBaseUri());
        }
        Model model = context.getCamelContextExtension().getContextPlugin(Model.class);
        if (model == null) {
            return;
        }
        ModelToXMLDumper dumper = PluginHelper.getModelToXMLDumper(context);
        for (RouteDefinition route : model.getRouteDefinitions()) {
            try {
                views.add(dumper.dumpModelAsXml(context, route));
                views.add(dumper.dumpModelAsXml(context, route, true, false, false));
            } catch (Exception e) {
                StringWriter trace = new StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                views.add("dump of route " + route.getRouteId() + " failed: " + trace);
            }
        }
    }
}
