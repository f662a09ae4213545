package dev.migrate.internal.run;

import dev.migrate.AppliedMigration;
import dev.migrate.AppliedRepeatable;
import dev.migrate.Callback;
import dev.migrate.Migration;
import java.util.Optional;
import dev.migrate.DatabaseAccessException;
import dev.migrate.LockLostException;
import dev.migrate.MigrationFailedException;
import dev.migrate.Repeatable;
import dev.migrate.Script;
import dev.migrate.internal.ProgressLog;
import dev.migrate.internal.postgres.AdvisoryLock;
import dev.migrate.internal.postgres.RepeatableHistory;
import dev.migrate.internal.postgres.ScriptExecutor;
import dev.migrate.internal.sql.TransactionControl;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies the repeatable migrations that are due, in order, under the lock, after the versioned ones: a
 * transactional script commits together with its new row (checksum, time) or not at all; a no-transaction script
 * runs statement by statement and records its row after its last statement, so a failure leaves it due.
 */
final class RepeatableRuns {

    private RepeatableRuns() {
    }

    static List<AppliedRepeatable> runAll(Connection connection, RepeatableHistory history, List<Repeatable> due,
            AdvisoryLock.Lease lease, List<AppliedMigration> versioned, Callbacks callbacks) {
        List<AppliedRepeatable> done = new ArrayList<>(due.size());
        for (Repeatable repeatable : due) {
            lease.lost().ifPresent(reason -> {
                throw LockLostException.beforeRepeatable(lease.description(), reason, repeatable, versioned);
            });
            done.add(run(connection, history, repeatable, callbacks));
        }
        return done;
    }

    /** As Flyway does, the each-migration callbacks run around a repeatable migration too (without a version). */
    private static AppliedRepeatable run(Connection connection, RepeatableHistory history, Repeatable repeatable,
            Callbacks callbacks) {
        Optional<Migration> none = Optional.empty();
        long started = System.nanoTime();
        Script script = repeatable.script();
        try {
            String user = connection.getMetaData().getUserName();
            AppliedRepeatable applied;
            if (script.transactional()) {
                applied = Transaction.run(connection, () -> {
                    callbacks.fire(Callback.Event.BEFORE_EACH_MIGRATE, connection, none);
                    ScriptExecutor.runWhole(connection, TransactionControl.of(script.sql()).runnable());
                    callbacks.fire(Callback.Event.AFTER_EACH_MIGRATE, connection, none);
                    return record(connection, history, repeatable, started, user);
                }, ScriptExecutor::failure);
            } else {
                callbacks.fire(Callback.Event.BEFORE_EACH_MIGRATE, connection, none);
                ScriptExecutor.runEach(connection, script.sql());
                applied = record(connection, history, repeatable, started, user);
                callbacks.fire(Callback.Event.AFTER_EACH_MIGRATE, connection, none);
            }
            ProgressLog.LOG.info("applied {} in {} ms", repeatable.label(), applied.executionMs());
            return applied;
        } catch (ScriptExecutor.ScriptFailure failure) {
            MigrationFailedException failed = MigrationFailedException.repeatable(repeatable, failure.error(),
                    failure.getCause());
            callbacks.fireAfterFailure(Callback.Event.AFTER_EACH_MIGRATE_ERROR, connection, none);
            throw failed;
        } catch (SQLException e) {
            throw new DatabaseAccessException("record " + repeatable.label() + " in " + history.name(), e);
        }
    }

    private static AppliedRepeatable record(Connection connection, RepeatableHistory history, Repeatable repeatable,
            long started, String user) throws SQLException {
        AppliedRepeatable row = new AppliedRepeatable(repeatable.description(), repeatable.script().checksum(),
                Instant.now(), (System.nanoTime() - started) / 1_000_000, user, null);
        history.save(connection, row);
        return row;
    }
}
