package io.github.camelfinsify.docs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Route;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Runs routes or configuration in Camel Main against the page context, and says what happened.
 * <p>
 * Every route must start (so every endpoint was created, its options checked). Routes that start from a timer or
 * from the {@code finsify:transactions} feed, which begin on their own, must then complete their first exchange
 * within {@link #FIRST_EXCHANGE}, and no exchange of any route may fail.
 */
final class CamelRun {

    static final Duration FIRST_EXCHANGE = Duration.ofSeconds(30);

    /** How a run is set up. */
    record Setup(Consumer<Main> configure, boolean pageProperties, boolean httpServer, String propertiesLocation) {
    }

    private CamelRun() {
    }

    static String run(PageContext page, Setup setup) throws Exception {
        Main main = new Main();
        main.setDefaultPropertyPlaceholderLocation(setup.propertiesLocation() == null ? "false"
                : setup.propertiesLocation());
        if (setup.pageProperties()) {
            page.properties().forEach(main::addInitialProperty);
        }
        if (setup.httpServer()) {
            main.addInitialProperty("camel.server.enabled", "true");
            main.addInitialProperty("camel.server.port", "0");
        }
        main.bind("dataSource", page.dataSource());
        Exchanges exchanges = new Exchanges();
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void beforeConfigure(BaseMainSupport support) {
                CamelContext context = support.getCamelContext();
                context.getPropertiesComponent().addPropertiesFunction(new EnvironmentFunction(page.environment()));
                context.getManagementStrategy().addEventNotifier(exchanges);
            }
        });
        setup.configure().accept(main);
        main.start();
        try {
            CamelContext context = main.getCamelContext();
            List<String> started = context.getRoutes().stream().map(Route::getRouteId).toList();
            List<String> driven = context.getRoutes().stream().filter(CamelRun::startsByItself)
                    .map(Route::getRouteId).toList();
            List<String> report = new ArrayList<>();
            report.add(started.isEmpty() ? "Camel Main started (no routes)" : "started routes " + started);
            for (String route : driven) {
                try {
                    Awaitility.await().atMost(FIRST_EXCHANGE).until(
                            () -> exchanges.completed(route) > 0 || !exchanges.failures.isEmpty());
                } catch (ConditionTimeoutException e) {
                    throw new IllegalStateException("route " + route + " completed no exchange within "
                                                    + FIRST_EXCHANGE.toSeconds() + " s");
                }
                if (exchanges.failures.isEmpty()) {
                    report.add("route " + route + " completed an exchange");
                }
            }
            if (!exchanges.failures.isEmpty()) {
                throw new IllegalStateException("an exchange failed: " + String.join("; ", exchanges.failures));
            }
            return String.join(", ", report);
        } finally {
            main.stop();
        }
    }

    private static boolean startsByItself(Route route) {
        String uri = route.getEndpoint().getEndpointUri();
        return uri.startsWith("timer:") || uri.contains("finsify://transactions") || uri.contains("finsify:transactions");
    }

    /** Counts exchanges that completed per route (not the split or multicast copies) and records failures. */
    private static final class Exchanges extends EventNotifierSupport {

        private final Map<String, AtomicInteger> completed = new ConcurrentHashMap<>();
        private final List<String> failures = new CopyOnWriteArrayList<>();

        @Override
        public boolean isEnabled(CamelEvent event) {
            return event instanceof CamelEvent.ExchangeCompletedEvent || event instanceof CamelEvent.ExchangeFailedEvent;
        }

        @Override
        public void notify(CamelEvent event) {
            Exchange exchange = ((CamelEvent.ExchangeEvent) event).getExchange();
            String route = exchange.getFromRouteId();
            if (event instanceof CamelEvent.ExchangeFailedEvent || exchange.isFailed()) {
                Exception cause = exchange.getException();
                failures.add("route " + route + ": " + (cause == null ? "failed" : cause.getClass().getSimpleName()
                        + ": " + cause.getMessage()));
            } else if (route != null && exchange.getProperty(ExchangePropertyKey.CORRELATION_ID) == null) {
                completed.computeIfAbsent(route, r -> new AtomicInteger()).incrementAndGet();
            }
        }

        int completed(String route) {
            AtomicInteger n = completed.get(route);
            return n == null ? 0 : n.get();
        }
    }
}
