package dev.migrate.internal.run;

import dev.migrate.MigrationListener;
import dev.migrate.internal.postgres.HistoryTable;
import java.sql.Connection;

/**
 * What every part of an {@link Execution} works with: the run's connection and history table, who hears of each
 * step, the callbacks around steps, the lock guard and whether the run was asked to stop.
 *
 * @param user the database user, as each history row names it
 * @param serverMajor the server's major version
 */
record Session(Connection connection, HistoryTable history, MigrationListener listener, Callbacks callbacks,
        LockGuard guard, Interruption interruption, String user, int serverMajor) {
}
