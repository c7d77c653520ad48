package io.github.camelfinsify;

import java.util.Map;

import org.apache.camel.Route;
import org.apache.camel.spi.annotations.DevConsole;
import org.apache.camel.support.console.AbstractDevConsole;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;

/**
 * The {@code finsify} developer console ({@code /q/dev/finsify} on Camel Main's management server): per finsify
 * consumer, what it synced, what is failing and whether its sweep is paused. Ids are masked, and no secret is shown.
 */
@DevConsole(name = "finsify", displayName = "Finsify", description = "Finsify sync consumers and webhook receivers")
public class FinsifyDevConsole extends AbstractDevConsole {

    /** Option: how many logins the top lists show (default {@value #DEFAULT_TOP}). */
    public static final String TOP = "top";
    static final int DEFAULT_TOP = 5;

    public FinsifyDevConsole() {
        super("camel", "finsify", "Finsify", "Finsify sync consumers and webhook receivers");
    }

    @Override
    protected Map<String, Object> doCallJson(Map<String, Object> options) {
        int top = top(options);
        JsonArray consumers = new JsonArray();
        for (Route route : getCamelContext().getRoutes()) {
            JsonObject view = FinsifyConsoleView.of(route.getRouteId(), route.getConsumer(), top);
            if (view != null) {
                consumers.add(view);
            }
        }
        JsonObject root = new JsonObject();
        root.put("consumers", consumers);
        return root;
    }

    @Override
    protected String doCallText(Map<String, Object> options) {
        StringBuilder text = new StringBuilder();
        JsonArray consumers = (JsonArray) doCallJson(options).get("consumers");
        for (Object consumer : consumers) {
            FinsifyConsoleText.append(text, (JsonObject) consumer);
        }
        return text.toString();
    }

    private static int top(Map<String, Object> options) {
        Object value = options.get(TOP);
        if (value == null) {
            return DEFAULT_TOP;
        }
        try {
            int top = Integer.parseInt(value.toString().trim());
            if (top >= 0) {
                return top;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new IllegalArgumentException("Option " + TOP + " of the finsify console must be 0 or more, was '" + value
                                           + "'");
    }
}
