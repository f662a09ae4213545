package dev.migrate;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * What a run asks of a real database through JDBC: connections opened, statements executed and the ones the
 * server refused. Scripts sent whole through pgjdbc's own API are not seen; history and lock queries are.
 */
final class StatementLog {

    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> executed = Collections.synchronizedList(new ArrayList<>());
    private final List<String> failed = Collections.synchronizedList(new ArrayList<>());

    int connections() {
        return connections.get();
    }

    List<String> executed() {
        return List.copyOf(executed);
    }

    List<String> failed() {
        return List.copyOf(failed);
    }

    DataSource around(DataSource dataSource) {
        return proxy(DataSource.class, dataSource, (target, method, args) -> {
            Object result = call(target, method, args);
            if (method.getName().equals("getConnection")) {
                connections.incrementAndGet();
                return proxy(Connection.class, result, this::connectionCall);
            }
            return result;
        });
    }

    private Object connectionCall(Object connection, Method method, Object[] args) throws Throwable {
        Object result = call(connection, method, args);
        if (result instanceof PreparedStatement prepared) {
            String sql = (String) args[0];
            return proxy(PreparedStatement.class, prepared, (target, m, a) -> record(target, m, a, sql));
        }
        if (result instanceof Statement statement) {
            return proxy(Statement.class, statement, (target, m, a) -> record(target, m, a, null));
        }
        return result;
    }

    private Object record(Object statement, Method method, Object[] args, String preparedSql) throws Throwable {
        if (!method.getName().startsWith("execute")) {
            return call(statement, method, args);
        }
        String sql = preparedSql != null ? preparedSql : (String) args[0];
        executed.add(sql);
        try {
            return call(statement, method, args);
        } catch (Throwable e) {
            failed.add(sql);
            throw e;
        }
    }

    private interface Call {
        Object invoke(Object target, Method method, Object[] args) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, Object target, Call call) {
        InvocationHandler handler = (proxy, method, args) -> call.invoke(target, method, args);
        return type.cast(Proxy.newProxyInstance(StatementLog.class.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
