package io.github.camelfinsify.test;

import java.util.List;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.apache.camel.CamelContext;

/**
 * A route's consumer as Camel's JMX management registered it, found by query (context and route id), never by a
 * hand-built name; operations and attributes go through the MBeanServer, as JConsole or Jolokia would use them.
 */
public final class ConsumerMBean {

    private final MBeanServer server;
    private final ObjectName name;

    private ConsumerMBean(MBeanServer server, ObjectName name) {
        this.server = server;
        this.name = name;
    }

    public static ConsumerMBean of(CamelContext context, String routeId) throws Exception {
        MBeanServer server = context.getManagementStrategy().getManagementAgent().getMBeanServer();
        List<ObjectName> found = server.queryNames(new ObjectName("org.apache.camel:type=consumers,*"), null).stream()
                .filter(n -> has(server, n, "CamelManagementName", context.getManagementName()))
                .filter(n -> has(server, n, "RouteId", routeId))
                .toList();
        if (found.size() != 1) {
            throw new IllegalStateException("Expected one consumer MBean of route " + routeId + ", found " + found);
        }
        return new ConsumerMBean(server, found.get(0));
    }

    private static boolean has(MBeanServer server, ObjectName name, String attribute, String value) {
        try {
            return value.equals(server.getAttribute(name, attribute));
        } catch (Exception e) {
            return false;
        }
    }

    public ObjectName name() {
        return name;
    }

    /** Calls an operation; {@code long} and {@code int} arguments are passed as their primitive types. */
    public Object invoke(String operation, Object... args) throws Exception {
        String[] signature = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            signature[i] = args[i] instanceof Long ? "long" : args[i] instanceof Integer ? "int"
                    : args[i].getClass().getName();
        }
        return server.invoke(name, operation, args, signature);
    }

    public Object attribute(String attribute) throws Exception {
        return server.getAttribute(name, attribute);
    }
}
