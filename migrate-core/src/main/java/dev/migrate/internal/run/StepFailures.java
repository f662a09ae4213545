package dev.migrate.internal.run;

import dev.migrate.Callback;
import dev.migrate.DatabaseAccessException;
import dev.migrate.Direction;
import dev.migrate.LockHolder;
import dev.migrate.LockTimeoutException;
import dev.migrate.Migration;
import dev.migrate.MigrationFailedException;
import dev.migrate.Version;
import dev.migrate.internal.SqlStates;
import dev.migrate.internal.postgres.Claimants;
import dev.migrate.internal.postgres.ScriptExecutor;
import dev.migrate.internal.postgres.ServerTimeouts;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of a step that failed: tried again when the lock guard allows it, else reported to the listeners and
 * callbacks and thrown as the exception that says what happened, a script's failure apart from the engine's own.
 */
final class StepFailures {

    private final Session session;

    StepFailures(Session session) {
        this.session = session;
    }

    /**
     * After a failed attempt at a step: returns when the lock guard tries it again (after its pause), else reports
     * the failure and throws it.
     *
     * @param previous the applied version below this one, for the recovery steps of a dirty failure
     */
    void retryOrThrow(Step step, ScriptExecutor.ScriptFailure failure, Optional<Version> previous, int attempt,
            List<String> blockers) {
        Migration migration = step.migration();
        String sqlState = failure.error().sqlState();
        LockGuard guard = session.guard();
        if (session.interruption().requested()) {
            // The statement was cancelled on the server because the run was asked to stop: not the script's fault.
            MigrationFailedException interrupted = MigrationFailedException.interrupted(migration, step.direction(),
                    failure.error(), previous, failure.getCause());
            session.listener().migrationFailed(migration, interrupted);
            throw interrupted;
        }
        if (step.script().transactional() && guard.retries(sqlState, attempt)) {
            // Its transaction was rolled back whole, history row included: trying again runs it once.
            guard.pause("migration " + migration.label(), attempt, blockers);
            return;
        }
        MigrationFailedException failed = LockGuard.LOCK_NOT_AVAILABLE.equals(sqlState) && guard.on()
                ? MigrationFailedException.lockNotGranted(migration, step.direction(), failure.error(), previous,
                        failure.getCause(), attempt, guard.lockTimeout(), LockGuard.describe(blockers))
                : ServerTimeouts.explain(session.connection(), failure.error(), !step.script().transactional(),
                        step.script().sql())
                        .map(timeout -> MigrationFailedException.serverTimeout(migration, step.direction(),
                                failure.error(), previous, failure.getCause(), timeout))
                        .orElseGet(() -> new MigrationFailedException(migration, step.direction(), failure.error(),
                                previous, failure.getCause()));
        session.listener().migrationFailed(migration, failed);
        session.callbacks().fireAfterFailure(step.direction() == Direction.UP
                ? Callback.Event.AFTER_EACH_MIGRATE_ERROR : Callback.Event.AFTER_EACH_UNDO_ERROR,
                session.connection(), Optional.of(migration));
        throw failed;
    }

    /**
     * As {@link #recordFailed(Migration, SQLException)}, for a message of several migrations: when the session
     * ended, each of {@code sent} may have committed or not, and the failure names them all.
     */
    RuntimeException recordFailed(Migration migration, SQLException e, List<Together> sent) {
        if (sent.size() > 1 && SqlStates.sessionEnded(e.getSQLState())) {
            return new DatabaseAccessException("learn whether migrations " + sent.get(0).step().migration().label()
                    + " to " + sent.get(sent.size() - 1).step().migration().label() + " (" + sent.size() + ", sent "
                    + "together in one message, each in a transaction of its own) committed", e);
        }
        return recordFailed(migration, e);
    }

    /**
     * A history write that failed. One that did not get its row lock (55P03, the lock guard's timeout) waited on
     * another session writing the same version: a run whose process is gone while its session goes on (killed,
     * its lock session ended), which is named, not reported as a failure to record.
     */
    RuntimeException recordFailed(Migration migration, SQLException e) {
        if (LockGuard.LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
            try {
                Optional<LockHolder> writer = Claimants.writing(session.connection(), session.history().sqlName());
                if (writer.isPresent()) {
                    return LockTimeoutException.writtenByAnother(migration.label(), writer.get());
                }
            } catch (SQLException lookup) {
                e.addSuppressed(lookup);
            }
        }
        return new DatabaseAccessException("record migration " + migration.label() + " in "
                + session.history().name(), e);
    }
}
