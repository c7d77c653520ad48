package io.github.camelfinsify.jdbc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

/**
 * A {@link DataSource} that hands out the real database's connections and notes what is asked of them: the SQL
 * prepared, and the transaction calls ({@code setAutoCommit}, {@code commit}, {@code rollback}), in order. A round
 * trip to a database server each, they are what a store's cost per write is made of.
 */
final class JdbcCalls {

    private static final List<String> TRANSACTION_CALLS = List.of("setAutoCommit", "commit", "rollback");

    private final DataSource target;
    private final List<String> calls = new CopyOnWriteArrayList<>();

    JdbcCalls(DataSource target) {
        this.target = target;
    }

    DataSource dataSource() {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(target, method, args);
                    return result instanceof Connection c ? noted(c) : result;
                });
    }

    /** What was asked since the last {@link #clear()}: {@code prepare <sql>}, {@code commit}, ... */
    List<String> calls() {
        return List.copyOf(calls);
    }

    void clear() {
        calls.clear();
    }

    private Connection noted(Connection connection) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("prepareStatement")) {
                        calls.add("prepare " + args[0]);
                    } else if (TRANSACTION_CALLS.contains(method.getName())) {
                        calls.add(args == null ? method.getName() : method.getName() + "(" + args[0] + ")");
                    }
                    return invoke(connection, method, args);
                });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
