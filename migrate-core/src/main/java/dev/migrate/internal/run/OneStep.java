package dev.migrate.internal.run;

import dev.migrate.AppliedMigration;
import dev.migrate.Callback;
import dev.migrate.Direction;
import dev.migrate.HistoryTableException;
import dev.migrate.Migration;
import dev.migrate.Script;
import dev.migrate.Version;
import dev.migrate.internal.ProgressLog;
import dev.migrate.internal.postgres.Claimants;
import dev.migrate.internal.postgres.HistoryRows;
import dev.migrate.internal.postgres.HistoryTable;
import dev.migrate.internal.postgres.ScriptExecutor;
import dev.migrate.internal.sql.Directives;
import dev.migrate.internal.sql.TransactionControl;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;

/**
 * One step run on its own. A transactional script commits together with its history change or not at all; a
 * {@code no-transaction} script marks its row dirty first, naming the session that runs it, runs statement by
 * statement, and settles the row last, so a failure part-way leaves it dirty. Going up, the row is inserted
 * <em>before</em> the script runs, and only if its version has none; going down, the row is deleted first, and only
 * one run can delete it: a version another run took first is {@link Taken}, its script never started.
 */
final class OneStep {

    private static final Logger log = ProgressLog.LOG;
    private static final Pattern CONCURRENTLY = Pattern.compile("(?i)\\bconcurrently\\b");

    /** Another run took the step's version first; thrown inside the step's transaction to roll it back. */
    static final class Taken extends RuntimeException {
        Taken() {
            super(null, null, false, false);
        }
    }

    private final Session session;
    private final Connection connection;
    private final HistoryTable history;
    private final HistoryRows historyRows;
    private final Callbacks callbacks;
    private final LockGuard guard;
    private final BlockerWatch watch;
    private final StepFailures failures;
    private String claimant;

    OneStep(Session session, BlockerWatch watch) {
        this.session = session;
        this.connection = session.connection();
        this.history = session.history();
        this.historyRows = history.rows();
        this.callbacks = session.callbacks();
        this.guard = session.guard();
        this.watch = watch;
        this.failures = new StepFailures(session);
    }

    /**
     * Runs the step and returns the history row it wrote (up) or removed (down).
     *
     * @param previous the applied version below this one, for the recovery steps of a dirty failure
     * @param recorded how many rows the history table holds before the step, by this run's count
     * @throws Taken if another run recorded (or removed) the step's version first
     */
    AppliedMigration run(Step step, Optional<Version> previous, long recorded) {
        Migration migration = step.migration();
        session.listener().migrationStarted(migration, step.direction());
        long started = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            watch.begin();
            try {
                return attempt(step, started, recorded);
            } catch (ScriptExecutor.ScriptFailure failure) {
                failures.retryOrThrow(step, failure, previous, attempt, watch.end());
            } finally {
                watch.end();
            }
        }
    }

    /** One attempt at a step; a transactional one that failed left nothing behind. */
    private AppliedMigration attempt(Step step, long started, long recorded) throws ScriptExecutor.ScriptFailure {
        Migration migration = step.migration();
        try {
            Script script = step.script();
            if (step.direction() == Direction.UP) {
                AppliedMigration applied = script.transactional() ? upInTransaction(migration, started, recorded)
                        : upStatementByStatement(migration, started);
                log.info("applied migration {} in {} ms", migration.label(), applied.executionMs());
                session.listener().migrationApplied(migration, applied);
                return applied;
            }
            if (script.transactional()) {
                downInTransaction(step, recorded);
            } else {
                downStatementByStatement(step);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            log.info("rolled back migration {} in {} ms", migration.label(), took.toMillis());
            session.listener().migrationRolledBack(migration, took);
            return step.row();
        } catch (SQLException e) {
            throw failures.recordFailed(migration, e);
        }
    }

    private AppliedMigration upInTransaction(Migration migration, long started, long recorded)
            throws ScriptExecutor.ScriptFailure, SQLException {
        return inTransaction(migration.up(), () -> {
            if (!historyRows.claim(connection, row(migration, false, started))) {
                throw new Taken();
            }
            callbacks.fire(Callback.Event.BEFORE_EACH_MIGRATE, connection, Optional.of(migration));
        }, () -> {
            callbacks.fire(Callback.Event.AFTER_EACH_MIGRATE, connection, Optional.of(migration));
            AppliedMigration applied = row(migration, false, started);
            if (!historyRows.settle(connection, applied)) {
                throw HistoryTableException.rowVanished(history.name(), migration, true);
            }
            historyRows.requireRows(connection, recorded + 1, migration);
            return applied;
        });
    }

    private void downInTransaction(Step step, long recorded) throws ScriptExecutor.ScriptFailure, SQLException {
        inTransaction(step.script(), () -> {
            if (!historyRows.remove(connection, step.migration().version())) {
                throw new Taken();
            }
            callbacks.fire(Callback.Event.BEFORE_EACH_UNDO, connection, Optional.of(step.migration()));
        }, () -> {
            callbacks.fire(Callback.Event.AFTER_EACH_UNDO, connection, Optional.of(step.migration()));
            historyRows.requireRows(connection, recorded - 1, step.migration());
            return null;
        });
    }

    private AppliedMigration upStatementByStatement(Migration migration, long started)
            throws ScriptExecutor.ScriptFailure, SQLException {
        String sql = migration.up().sql();
        history.upgrade().makeRoomFor(connection, sql);
        callbacks.fire(Callback.Event.BEFORE_EACH_MIGRATE, connection, Optional.of(migration));
        if (!historyRows.claimToRun(connection, row(migration, true, started), claimant())) {
            throw new Taken();
        }
        if (migration.up().code().isPresent()) {
            ScriptExecutor.runJava(connection, migration.up().code().get());
        } else {
            runEachGuarded(migration.label(), sql);
        }
        AppliedMigration applied = row(migration, false, started);
        if (!historyRows.settleOwn(connection, applied, claimant())) {
            throw HistoryTableException.rowVanished(history.name(), migration, false);
        }
        callbacks.fire(Callback.Event.AFTER_EACH_MIGRATE, connection, Optional.of(migration));
        return applied;
    }

    private void downStatementByStatement(Step step) throws ScriptExecutor.ScriptFailure, SQLException {
        AppliedMigration row = step.row();
        callbacks.fire(Callback.Event.BEFORE_EACH_UNDO, connection, Optional.of(step.migration()));
        if (!historyRows.claimToRunDown(connection, new AppliedMigration(row.version(), row.description(),
                row.checksum(), true, row.appliedAt(), row.executionMs(), row.appliedBy(), row.adoptedFrom()),
                claimant())) {
            throw new Taken();
        }
        runEachGuarded("rollback of migration " + step.migration().label(), step.script().sql());
        if (!historyRows.remove(connection, row.version(), claimant())) {
            throw HistoryTableException.rowVanished(history.name(), step.migration(), false);
        }
        callbacks.fire(Callback.Event.AFTER_EACH_UNDO, connection, Optional.of(step.migration()));
    }

    /**
     * This connection's session as the claimant of the rows it runs outside a transaction ({@link Claimants}):
     * asked once, and only by a run that has such a migration.
     */
    private String claimant() throws SQLException {
        if (claimant == null) {
            claimant = Claimants.of(connection);
        }
        return claimant;
    }

    /**
     * Runs a no-transaction script statement by statement; a statement that did not get its lock changed nothing,
     * so that statement alone is tried again (the ones before it stay committed), as the lock guard allows.
     */
    private void runEachGuarded(String what, String sql) throws ScriptExecutor.ScriptFailure, SQLException {
        boolean own = ownTimeouts(sql, "SET ");
        if (!own && guard.on() && CONCURRENTLY.matcher(sql).find()) {
            // CREATE INDEX CONCURRENTLY and the like wait for older transactions by design, blocking nobody; a lock
            // timeout would fail them part-way and leave an invalid index behind.
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET lock_timeout = 0");
            }
            own = true;
        }
        try {
            runEachGuarded(what, sql, 0);
        } finally {
            if (own) {
                guard.reapply(connection);
            }
        }
    }

    /**
     * Sets a script's own timeouts ({@code -- migrate:lock-timeout 10s}) with {@code set} (SET LOCAL in its
     * transaction, SET for a script without one); a script without them sends nothing.
     *
     * @return whether the script had any
     */
    private boolean ownTimeouts(String sql, String set) throws SQLException {
        List<String> settings = Directives.timeoutSettings(sql, set);
        if (settings.isEmpty()) {
            return false;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(String.join("; ", settings));
        }
        return true;
    }

    private void runEachGuarded(String what, String sql, int start) throws ScriptExecutor.ScriptFailure {
        int from = start;
        for (int attempt = 1; ; attempt++) {
            try {
                ScriptExecutor.runEach(connection, sql, from);
                return;
            } catch (ScriptExecutor.ScriptFailure failure) {
                if (failure.statement() < 0 || !guard.retries(failure.error().sqlState(), attempt)) {
                    throw failure;
                }
                from = failure.statement();
                guard.pause("statement " + (from + 1) + " of " + what, attempt, watch.end());
                watch.begin();
            }
        }
    }

    /** What a step does to the history before its script runs: take its version, or fail as {@link Taken}. */
    private interface Guard {
        void take() throws SQLException;
    }

    /**
     * Runs {@code guard}, {@code script} and then {@code change} in one transaction. A script that ends the
     * transaction itself (COMMIT, ROLLBACK) is warned about: what it ran before that point did not wait for its
     * history row.
     */
    private <T> T inTransaction(Script script, Guard guard, Transaction.Work<T, SQLException> change)
            throws ScriptExecutor.ScriptFailure, SQLException {
        return Transaction.run(connection, () -> {
            String sql = script.sql();
            history.upgrade().makeRoomFor(connection, sql);
            if (script.code().isEmpty()) {
                ownTimeouts(sql, "SET LOCAL ");
            }
            guard.take();
            if (script.code().isPresent()) {
                ScriptExecutor.runJava(connection, script.code().get());
            } else {
                // A BEGIN; ... COMMIT; wrapper is blanked out, so that the body commits with the history row.
                ScriptExecutor.runWhole(connection, TransactionControl.of(sql).runnable());
            }
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
                Instant.now(), ms, session.user());
    }
}
