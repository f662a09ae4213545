package dev.migrate.internal.run;

import dev.migrate.internal.postgres.ScriptExecutor;
import java.sql.Connection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A request from another thread (a signal handler) to stop the runs of one migrator: the statements in flight on
 * their connections are cancelled on the server, so that no work goes on there after the process has gone, and
 * no further migration starts. Once requested, it stays requested: the migrator runs nothing more.
 */
final class Interruption {

    private volatile boolean requested;
    private final Set<Connection> active = ConcurrentHashMap.newKeySet();

    void enter(Connection connection) {
        active.add(connection);
        if (requested) {
            ScriptExecutor.cancel(connection); // asked for while this connection was being opened
        }
    }

    void exit(Connection connection) {
        active.remove(connection);
    }

    /** @return whether a run was under way (a connection of it open) */
    boolean request() {
        requested = true;
        boolean running = !active.isEmpty();
        active.forEach(ScriptExecutor::cancel);
        return running;
    }

    boolean requested() {
        return requested;
    }
}
