package dev.migrate.internal.run;

import dev.migrate.AppliedMigration;
import dev.migrate.DatabaseAccessException;
import dev.migrate.Direction;
import dev.migrate.Migration;
import dev.migrate.MigrationFailedException;
import dev.migrate.MigrationListener;
import dev.migrate.Script;
import dev.migrate.Version;
import dev.migrate.internal.ProgressLog;
import dev.migrate.internal.postgres.ScriptExecutor;
import dev.migrate.internal.postgres.HistoryTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * Runs one step on the run's connection. A transactional script commits together with its history change
 * (the row inserted going up, deleted going down) or not at all. A {@code no-transaction} script marks its row
 * dirty first, runs statement by statement, and settles the row last, so a failure part-way leaves it dirty.
 */
public final class Execution {

    private static final Logger log = ProgressLog.LOG;

    private final Connection connection;
    private final HistoryTable history;
    private final MigrationListener listener;
    private final String user;

    public Execution(Connection connection, HistoryTable history, MigrationListener listener) throws SQLException {
        this.connection = connection;
        this.history = history;
        this.listener = listener;
        this.user = connection.getMetaData().getUserName();
    }

    /**
     * Runs the steps in order, each as {@link #run} does; returns the row each wrote (up) or removed (down).
     * A failure stops at its step: the steps before it stay done.
     */
    public List<AppliedMigration> runAll(List<Step> steps, MigrationStates before) {
        List<AppliedMigration> rows = new ArrayList<>(steps.size());
        Optional<Version> version = before.current();
        for (Step step : steps) {
            Version stepVersion = step.migration().version();
            if (step.direction() == Direction.UP) {
                rows.add(run(step, version));
                if (version.isEmpty() || stepVersion.compareTo(version.get()) > 0) {
                    version = Optional.of(stepVersion);
                }
            } else {
                version = before.appliedBelow(stepVersion);
                rows.add(run(step, version));
            }
        }
        return rows;
    }

    /**
     * Runs the step and returns the history row it wrote (up) or removed (down).
     *
     * @param previous the applied version below this one, for the recovery steps of a dirty failure
     */
    public AppliedMigration run(Step step, Optional<Version> previous) {
        Migration migration = step.migration();
        listener.migrationStarted(migration, step.direction());
        long started = System.nanoTime();
        try {
            Script script = step.script();
            if (step.direction() == Direction.UP) {
                AppliedMigration applied = script.transactional() ? upInTransaction(migration, started)
                        : upStatementByStatement(migration, started);
                log.info("applied migration {} in {} ms", migration.label(), applied.executionMs());
                listener.migrationApplied(migration, applied);
                return applied;
            }
            if (script.transactional()) {
                downInTransaction(step);
            } else {
                downStatementByStatement(step);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            log.info("rolled back migration {} in {} ms", migration.label(), took.toMillis());
            listener.migrationRolledBack(migration, took);
            return step.row();
        } catch (ScriptExecutor.ScriptFailure failure) {
            MigrationFailedException failed = new MigrationFailedException(migration, step.direction(),
                    failure.error(), previous, failure.getCause());
            listener.migrationFailed(migration, failed);
            throw failed;
        } catch (SQLException e) {
            throw new DatabaseAccessException("record migration " + migration.label() + " in " + history.name(), e);
        }
    }

    private AppliedMigration upInTransaction(Migration migration, long started)
            throws ScriptExecutor.ScriptFailure, SQLException {
        return inTransaction(migration.up(), () -> {
            AppliedMigration applied = row(migration, false, started);
            history.save(connection, applied);
            return applied;
        });
    }

    private void downInTransaction(Step step) throws ScriptExecutor.ScriptFailure, SQLException {
        inTransaction(step.script(), () -> {
            history.remove(connection, step.migration().version());
            return null;
        });
    }

    private AppliedMigration upStatementByStatement(Migration migration, long started)
            throws ScriptExecutor.ScriptFailure, SQLException {
        connection.setAutoCommit(true);
        history.makeRoomFor(connection, migration.up().sql());
        history.save(connection, row(migration, true, started));
        ScriptExecutor.runEach(connection, migration.up().sql());
        AppliedMigration applied = row(migration, false, started);
        history.save(connection, applied);
        return applied;
    }

    private void downStatementByStatement(Step step) throws ScriptExecutor.ScriptFailure, SQLException {
        connection.setAutoCommit(true);
        AppliedMigration row = step.row();
        history.save(connection, new AppliedMigration(row.version(), row.description(), row.checksum(), true,
                row.appliedAt(), row.executionMs(), row.appliedBy(), row.adoptedFrom()));
        ScriptExecutor.runEach(connection, step.script().sql());
        history.remove(connection, row.version());
    }

    /**
     * Runs {@code script} and then {@code change} in one transaction. A script that ends the transaction itself
     * (COMMIT, ROLLBACK) is warned about: what it ran before that point did not wait for its history row.
     */
    private <T> T inTransaction(Script script, Transaction.Work<T, SQLException> change)
            throws ScriptExecutor.ScriptFailure, SQLException {
        return Transaction.run(connection, () -> {
            history.makeRoomFor(connection, script.sql());
            ScriptExecutor.runWhole(connection, script.sql());
            if (ScriptExecutor.leftTransaction(connection)) {
                log.warn("{} ends its own transaction (it contains COMMIT or ROLLBACK), so it was not atomic with "
                        + "its history row; remove those statements from it", script.name());
            }
            return change.run();
        }, ScriptExecutor::failure);
    }

    private AppliedMigration row(Migration migration, boolean dirty, long startedNanos) {
        long ms = (System.nanoTime() - startedNanos) / 1_000_000;
        return new AppliedMigration(migration.version(), migration.description(), migration.up().checksum(), dirty,
                Instant.now(), ms, user);
    }
}
