package dev.migrate.internal.run;

import dev.migrate.AppliedMigration;
import dev.migrate.Callback;
import dev.migrate.DatabaseAccessException;
import dev.migrate.HistoryTableException;
import dev.migrate.InvalidMigrationException;
import dev.migrate.LockLostException;
import dev.migrate.Direction;
import dev.migrate.Migration;
import dev.migrate.MigrationFailedException;
import dev.migrate.MigrationListener;
import dev.migrate.Script;
import dev.migrate.Version;
import dev.migrate.internal.ProgressLog;
import dev.migrate.internal.postgres.AdvisoryLock;
import dev.migrate.internal.sql.Directives;
import dev.migrate.internal.sql.TransactionControl;
import dev.migrate.internal.postgres.ScriptBatch;
import dev.migrate.internal.postgres.ScriptExecutor;
import dev.migrate.internal.postgres.Claimants;
import dev.migrate.internal.postgres.ServerTimeouts;
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
 * Runs the steps of a run on its connection, each exactly once whatever happens to the lock. A transactional
 * script commits together with its history change or not at all; a {@code no-transaction} script marks its row
 * dirty first, runs statement by statement, and settles the row last, so a failure part-way leaves it dirty.
 *
 * <p>The history row is the guard: going up, the row is inserted <em>before</em> the script runs, and only if
 * its version has none (another run's uncommitted row makes this wait for that run); going down, the row is
 * deleted first, and only one run can delete it. A version another run recorded first is {@link Overtaken}, its
 * script never started. Before each step, or each message of steps, the lock is checked (at most every half
 * second), so a run whose lock session ended stops there.
 *
 * <p>A script's text is read again for its turn unless it is still kept ({@code RecentTexts}), and must still have
 * the checksum the run checked: a script whose file changed during the run does not run, and once this run has
 * applied anything, that is reported as a migration not run ({@link MigrationFailedException#notRun}).
 *
 * <p>Consecutive transactional SQL scripts going up share one message ({@link ScriptBatch}), each in a block of its
 * own with its row's claim, its row's time taken and a check that its row is still there: a failure leaves the
 * blocks before it committed, its own rolled back and those after it never run. How many share a message grows
 * while they run quickly ({@link Pace}). Their listener events come when the message returns, in order, each
 * migration's time as the server counted it.
 */
public final class Execution {

    private static final Logger log = ProgressLog.LOG;

    /** Another run recorded (or removed) the step's version first: this run did not touch it. */
    static final class Overtaken extends RuntimeException {
        private final transient Step step;
        private final transient List<AppliedMigration> done;

        Overtaken(Step step, List<AppliedMigration> done) {
            super(null, null, false, false);
            this.step = step;
            this.done = List.copyOf(done);
        }

        Step step() {
            return step;
        }

        /** What this run did before it was overtaken, in order. */
        List<AppliedMigration> done() {
            return done;
        }
    }

    /** Thrown inside a step's transaction to roll it back, and caught just outside it. */
    private static final class Taken extends RuntimeException {
        Taken() {
            super(null, null, false, false);
        }
    }

    private final Connection connection;
    private final HistoryTable history;
    private final MigrationListener listener;
    private final Callbacks callbacks;
    private final LockGuard guard;
    private static final java.util.regex.Pattern CONCURRENTLY = java.util.regex.Pattern.compile("(?i)\\bconcurrently\\b");
    private final String user;
    private final int serverMajor;
    private final Interruption interruption;
    private String claimant;
    /** How many rows the history table holds now, by this run's count: what each migration's check compares. */
    private long recorded;
    private BlockerWatch watch = BlockerWatch.NONE;

    public Execution(Connection connection, HistoryTable history, MigrationListener listener) throws SQLException {
        this(connection, history, listener, Callbacks.NONE, LockGuard.OFF);
    }

    Execution(Connection connection, HistoryTable history, MigrationListener listener, Callbacks callbacks,
            LockGuard guard) throws SQLException {
        this(connection, history, listener, callbacks, guard, new Interruption());
    }

    Execution(Connection connection, HistoryTable history, MigrationListener listener, Callbacks callbacks,
            LockGuard guard, Interruption interruption) throws SQLException {
        this.interruption = interruption;
        this.connection = connection;
        this.history = history;
        this.listener = listener;
        this.callbacks = callbacks;
        this.guard = guard;
        this.user = connection.getMetaData().getUserName();
        this.serverMajor = connection.getMetaData().getDatabaseMajorVersion();
    }

    /**
     * Runs the steps in order, each as {@link #run} does, checking the lock before each; returns the row each
     * wrote (up) or removed (down). A failure stops at its step: the steps before it stay done.
     *
     * @throws LockLostException if the lock's session ended or no longer holds the lock
     * @throws Overtaken if another run recorded a step's version first
     */
    List<AppliedMigration> runAll(List<Step> steps, MigrationStates before, AdvisoryLock.Lease lease) {
        if (steps.isEmpty()) {
            return List.of();
        }
        try (BlockerWatch watching = guard.watch(lease, connection)) {
            watch = watching;
            return runAll(steps, before, lease, watching);
        } finally {
            watch = BlockerWatch.NONE;
        }
    }

    private List<AppliedMigration> runAll(List<Step> steps, MigrationStates before, AdvisoryLock.Lease lease,
            BlockerWatch watching) {
        List<AppliedMigration> rows = new ArrayList<>(steps.size());
        try {
            return runAll(steps, before, lease, watching, rows);
        } catch (InvalidMigrationException e) {
            // A script read again for its turn that changed since the run checked it: it did not run. Once this run
            // has changed something, that is no longer "nothing was run" but a run stopped part-way.
            if (rows.isEmpty()) {
                throw e;
            }
            throw MigrationFailedException.notRun(steps.get(rows.size()).migration(),
                    steps.get(rows.size()).direction(), e, rows);
        }
    }

    private List<AppliedMigration> runAll(List<Step> steps, MigrationStates before, AdvisoryLock.Lease lease,
            BlockerWatch watching, List<AppliedMigration> rows) {
        Optional<Version> version = before.current();
        recorded = before.rowCount(); // counted, not read: rows are made whole only when asked for
        Pace pace = new Pace();
        int attempt = 1;
        for (int next = 0; next < steps.size(); ) {
            Step step = steps.get(next);
            if (interruption.requested()) {
                throw MigrationFailedException.interrupted(step.migration(), step.direction(), null, version, null);
            }
            Optional<String> lost = watching.lost();
            if (lost.isPresent()) {
                throw new LockLostException(lease.description(), lost.get(), step.migration(), rows);
            }
            List<Together> together = together(steps, next, pace.size());
            if (!together.isEmpty()) {
                int committed = sendTogether(together, attempt, version, rows);
                version = after(together.subList(0, committed), version);
                attempt = committed == together.size() ? 1 : committed == 0 ? attempt + 1 : 2;
                if (committed == together.size()) {
                    pace.sent(committed, rows.subList(rows.size() - committed, rows.size()).stream()
                            .mapToLong(AppliedMigration::executionMs).sum());
                } else {
                    pace.failed();
                }
                next += committed;
                continue;
            }
            if (step.direction() == Direction.DOWN) {
                version = before.appliedBelow(step.migration().version());
            }
            try {
                rows.add(run(step, version));
                recorded += step.direction() == Direction.UP ? 1 : -1;
            } catch (Taken taken) {
                throw new Overtaken(step, rows);
            }
            version = after(step, version);
            next++;
        }
        return rows;
    }

    /** The applied version once {@code sent} have run, {@code version} before them. */
    private static Optional<Version> after(List<Together> sent, Optional<Version> version) {
        Optional<Version> after = version;
        for (Together step : sent) {
            after = after(step.step(), after);
        }
        return after;
    }

    /** The applied version once {@code step} has run, {@code version} before it. */
    private static Optional<Version> after(Step step, Optional<Version> version) {
        Version stepVersion = step.migration().version();
        boolean higher = version.isEmpty() || stepVersion.compareTo(version.get()) > 0;
        return step.direction() == Direction.UP && higher ? Optional.of(stepVersion) : version;
    }

    /**
     * The steps from {@code first} on that can share one message, at most {@code most}; empty when the first cannot
     * (it then goes the step-by-step way), and always where the connection cannot send them together or a
     * per-migration callback must run between the engine's statements.
     */
    private List<Together> together(List<Step> steps, int first, int most) {
        if (!ScriptExecutor.sendsTogether(connection)
                || callbacks.any(Callback.Event.BEFORE_EACH_MIGRATE, Callback.Event.AFTER_EACH_MIGRATE)) {
            return List.of();
        }
        // Before PostgreSQL 13 a statement_timeout covers a whole message, not each statement in it: there, many
        // migrations in one message could time out where each alone would not.
        return Together.from(steps, first, serverMajor >= 13 ? most : 1, history, user, recorded);
    }

    /**
     * Sends {@code together} as one message and reports each migration that committed, in order, with the time the
     * server counted for it; a failed one is reported as {@link #run} reports it.
     *
     * @param attempt the first step's attempt (the lock guard tries a step that did not get its lock again)
     * @param version the applied version before the first step
     * @return how many committed; fewer than all when the next one is to be tried again
     */
    private int sendTogether(List<Together> together, int attempt, Optional<Version> version,
            List<AppliedMigration> rows) {
        Migration first = together.get(0).step().migration();
        if (attempt == 1) {
            listener.migrationStarted(first, Direction.UP);
        }
        List<ScriptBatch.Part> parts = together.stream().map(Together::part).toList();
        watch.begin();
        try {
            List<Long> took = ScriptBatch.run(connection, parts, HistoryTable.TOOK, HistoryTable.SETTLE_CHECK);
            applied(together, took, rows);
            return together.size();
        } catch (ScriptBatch.Failure failure) {
            List<String> blockers = watch.end();
            applied(together.subList(0, failure.part()), failure.values(), rows);
            Optional<Version> previous = after(together.subList(0, failure.part()), version);
            Step failed = together.get(failure.part()).step();
            if (failure.part() > 0) {
                listener.migrationStarted(failed.migration(), Direction.UP);
            }
            SQLException e = failure.error();
            if (failure.inScript().isPresent()) {
                retryOrThrow(failed, failure.inScript().get(), previous, failure.part() == 0 ? attempt : 1, blockers);
                return failure.part();
            }
            if ("23505".equals(e.getSQLState())) {
                throw new Overtaken(failed, rows); // the claim found the version recorded: nothing after it ran
            }
            // The script removed its own row, or the whole table (42P01), as settle reports it on its own.
            if (String.valueOf(e.getMessage()).contains(HistoryTable.ROW_GONE) || "42P01".equals(e.getSQLState())) {
                throw HistoryTableException.rowVanished(history.name(), failed.migration(), true);
            }
            if (String.valueOf(e.getMessage()).contains(HistoryTable.ROWS_CHANGED)) {
                String found = e.getMessage().replaceAll("(?s).*" + HistoryTable.ROWS_CHANGED + " \\((\\d+)\\).*", "$1");
                throw HistoryTableException.rowsChanged(history.name(), failed.migration(), recorded + 1,
                        Long.parseLong(found));
            }
            throw recordFailed(failed.migration(), e, together.subList(failure.part(), together.size()));
        } catch (SQLException e) {
            throw recordFailed(first, e, together);
        } finally {
            watch.end();
        }
    }

    /** Reports the migrations of a message that committed, each with the time the server counted for it. */
    private void applied(List<Together> committed, List<Long> took, List<AppliedMigration> rows) {
        for (int i = 0; i < committed.size(); i++) {
            Migration migration = committed.get(i).step().migration();
            AppliedMigration claimed = committed.get(i).row();
            AppliedMigration applied = new AppliedMigration(claimed.version(), claimed.description(),
                    claimed.checksum(), false, claimed.appliedAt(), i < took.size() ? took.get(i) : 0,
                    claimed.appliedBy());
            if (i > 0) {
                listener.migrationStarted(migration, Direction.UP);
            }
            log.info("applied migration {} in {} ms", migration.label(), applied.executionMs());
            listener.migrationApplied(migration, applied);
            rows.add(applied);
            recorded++;
        }
    }

    /**
     * Runs the step and returns the history row it wrote (up) or removed (down).
     *
     * @param previous the applied version below this one, for the recovery steps of a dirty failure
     */
    private AppliedMigration run(Step step, Optional<Version> previous) {
        Migration migration = step.migration();
        listener.migrationStarted(migration, step.direction());
        long started = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            watch.begin();
            try {
                return attempt(step, started);
            } catch (ScriptExecutor.ScriptFailure failure) {
                retryOrThrow(step, failure, previous, attempt, watch.end());
            } finally {
                watch.end();
            }
        }
    }

    /**
     * After a failed attempt at a step: returns when the lock guard tries it again (after its pause), else reports
     * the failure and throws it.
     */
    private void retryOrThrow(Step step, ScriptExecutor.ScriptFailure failure, Optional<Version> previous,
            int attempt, List<String> blockers) {
        Migration migration = step.migration();
        String sqlState = failure.error().sqlState();
        if (interruption.requested()) {
            // The statement was cancelled on the server because the run was asked to stop: not the script's fault.
            MigrationFailedException interrupted = MigrationFailedException.interrupted(migration, step.direction(),
                    failure.error(), previous, failure.getCause());
            listener.migrationFailed(migration, interrupted);
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
                : ServerTimeouts.explain(connection, failure.error(), !step.script().transactional(),
                        step.script().sql())
                        .map(timeout -> MigrationFailedException.serverTimeout(migration, step.direction(),
                                failure.error(), previous, failure.getCause(), timeout))
                        .orElseGet(() -> new MigrationFailedException(migration, step.direction(), failure.error(),
                                previous, failure.getCause()));
        listener.migrationFailed(migration, failed);
        callbacks.fireAfterFailure(step.direction() == Direction.UP ? Callback.Event.AFTER_EACH_MIGRATE_ERROR
                : Callback.Event.AFTER_EACH_UNDO_ERROR, connection, Optional.of(migration));
        throw failed;
    }

    /** One attempt at a step; a transactional one that failed left nothing behind. */
    private AppliedMigration attempt(Step step, long started) throws ScriptExecutor.ScriptFailure {
        Migration migration = step.migration();
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
        } catch (SQLException e) {
            throw recordFailed(migration, e);
        }
    }

    /**
     * A history write that failed. One that did not get its row lock (55P03, the lock guard's timeout) waited on
     * another session writing the same version: a run whose process is gone while its session goes on (killed,
     * its lock session ended), which is named, not reported as a failure to record.
     */
    /**
     * As {@link #recordFailed(Migration, SQLException)}, for a message of several migrations: when the session
     * ended, each of {@code sent} may have committed or not, and the failure names them all.
     */
    private RuntimeException recordFailed(Migration migration, SQLException e, List<Together> sent) {
        if (sent.size() > 1 && dev.migrate.internal.SqlStates.sessionEnded(e.getSQLState())) {
            return new DatabaseAccessException("learn whether migrations " + sent.get(0).step().migration().label()
                    + " to " + sent.get(sent.size() - 1).step().migration().label() + " (" + sent.size() + ", sent "
                    + "together in one message, each in a transaction of its own) committed", e);
        }
        return recordFailed(migration, e);
    }

    private RuntimeException recordFailed(Migration migration, SQLException e) {
        if (LockGuard.LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
            try {
                Optional<dev.migrate.LockHolder> writer = Claimants.writing(connection, history.sqlName());
                if (writer.isPresent()) {
                    return dev.migrate.LockTimeoutException.writtenByAnother(migration.label(), writer.get());
                }
            } catch (SQLException lookup) {
                e.addSuppressed(lookup);
            }
        }
        return new DatabaseAccessException("record migration " + migration.label() + " in " + history.name(), e);
    }

    private AppliedMigration upInTransaction(Migration migration, long started)
            throws ScriptExecutor.ScriptFailure, SQLException {
        return inTransaction(migration.up(), () -> {
            if (!history.claim(connection, row(migration, false, started))) {
                throw new Taken();
            }
            callbacks.fire(Callback.Event.BEFORE_EACH_MIGRATE, connection, Optional.of(migration));
        }, () -> {
            callbacks.fire(Callback.Event.AFTER_EACH_MIGRATE, connection, Optional.of(migration));
            AppliedMigration applied = row(migration, false, started);
            if (!history.settle(connection, applied)) {
                throw HistoryTableException.rowVanished(history.name(), migration, true);
            }
            history.requireRows(connection, recorded + 1, migration);
            return applied;
        });
    }

    private void downInTransaction(Step step) throws ScriptExecutor.ScriptFailure, SQLException {
        inTransaction(step.script(), () -> {
            if (!history.remove(connection, step.migration().version())) {
                throw new Taken();
            }
            callbacks.fire(Callback.Event.BEFORE_EACH_UNDO, connection, Optional.of(step.migration()));
        }, () -> {
            callbacks.fire(Callback.Event.AFTER_EACH_UNDO, connection, Optional.of(step.migration()));
            history.requireRows(connection, recorded - 1, step.migration());
            return null;
        });
    }

    private AppliedMigration upStatementByStatement(Migration migration, long started)
            throws ScriptExecutor.ScriptFailure, SQLException {
        String sql = migration.up().sql();
        history.makeRoomFor(connection, sql);
        callbacks.fire(Callback.Event.BEFORE_EACH_MIGRATE, connection, Optional.of(migration));
        if (!history.claimToRun(connection, row(migration, true, started), claimant())) {
            throw new Taken();
        }
        if (migration.up().code().isPresent()) {
            ScriptExecutor.runJava(connection, migration.up().code().get());
        } else {
            runEachGuarded(migration.label(), sql);
        }
        AppliedMigration applied = row(migration, false, started);
        if (!history.settleOwn(connection, applied, claimant())) {
            throw HistoryTableException.rowVanished(history.name(), migration, false);
        }
        callbacks.fire(Callback.Event.AFTER_EACH_MIGRATE, connection, Optional.of(migration));
        return applied;
    }

    private void downStatementByStatement(Step step) throws ScriptExecutor.ScriptFailure, SQLException {
        AppliedMigration row = step.row();
        callbacks.fire(Callback.Event.BEFORE_EACH_UNDO, connection, Optional.of(step.migration()));
        if (!history.claimToRunDown(connection, new AppliedMigration(row.version(), row.description(), row.checksum(),
                true, row.appliedAt(), row.executionMs(), row.appliedBy(), row.adoptedFrom()), claimant())) {
            throw new Taken();
        }
        runEachGuarded("rollback of migration " + step.migration().label(), step.script().sql());
        if (!history.remove(connection, row.version(), claimant())) {
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
            try (java.sql.Statement statement = connection.createStatement()) {
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
        try (java.sql.Statement statement = connection.createStatement()) {
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
            history.makeRoomFor(connection, sql);
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
                Instant.now(), ms, user);
    }
}
