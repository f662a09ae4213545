package dev.migrate.internal.run;

import dev.migrate.AppliedMigration;
import dev.migrate.Callback;
import dev.migrate.Direction;
import dev.migrate.InvalidMigrationException;
import dev.migrate.LockLostException;
import dev.migrate.MigrationFailedException;
import dev.migrate.MigrationListener;
import dev.migrate.Version;
import dev.migrate.internal.postgres.AdvisoryLock;
import dev.migrate.internal.postgres.HistoryTable;
import dev.migrate.internal.postgres.ScriptExecutor;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the steps of a run on its connection, in order, each exactly once whatever happens to the lock: a step alone
 * ({@link OneStep}), or consecutive transactional SQL scripts going up in one message ({@link SentTogether}), as
 * many as run quickly ({@link Pace}). The history row is the guard: a version another run recorded (or removed)
 * first is {@link Overtaken}, its script never started. Before each step, or each message of steps, the lock is
 * checked (at most every half second), so a run whose lock session ended stops there.
 *
 * <p>A script's text is read again for its turn unless it is still kept ({@code RecentTexts}), and must still have
 * the checksum the run checked: a script whose file changed during the run does not run, and once this run has
 * applied anything, that is reported as a migration not run ({@link MigrationFailedException#notRun}).
 */
final class Execution {

    private final Session session;
    /** How many rows the history table holds now, by this run's count: what each migration's check compares. */
    private long recorded;

    Execution(Connection connection, HistoryTable history, MigrationListener listener, Callbacks callbacks,
            LockGuard guard, Interruption interruption) throws SQLException {
        this.session = new Session(connection, history, listener, callbacks, guard, interruption,
                connection.getMetaData().getUserName(), connection.getMetaData().getDatabaseMajorVersion());
    }

    /**
     * Runs the steps in order, checking the lock before each step or message; returns the row each wrote (up) or
     * removed (down). A failure stops at its step: the steps before it stay done.
     *
     * @throws LockLostException if the lock's session ended or no longer holds the lock
     * @throws Overtaken if another run recorded a step's version first
     */
    List<AppliedMigration> runAll(List<Step> steps, MigrationStates before, AdvisoryLock.Lease lease) {
        if (steps.isEmpty()) {
            return List.of();
        }
        List<AppliedMigration> rows = new ArrayList<>(steps.size());
        try (BlockerWatch watching = session.guard().watch(lease, session.connection())) {
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
        OneStep alone = new OneStep(session, watching);
        SentTogether sent = new SentTogether(session, watching);
        Optional<Version> version = before.current();
        recorded = before.rowCount(); // counted, not read: rows are made whole only when asked for
        Pace pace = new Pace();
        int attempt = 1;
        for (int next = 0; next < steps.size(); ) {
            Step step = steps.get(next);
            if (session.interruption().requested()) {
                throw MigrationFailedException.interrupted(step.migration(), step.direction(), null, version, null);
            }
            Optional<String> lost = watching.lost();
            if (lost.isPresent()) {
                throw new LockLostException(lease.description(), lost.get(), step.migration(), rows);
            }
            List<Together> together = together(steps, next, pace.size());
            if (!together.isEmpty()) {
                int committed = sent.send(together, attempt, version, recorded, rows);
                recorded += committed;
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
                rows.add(alone.run(step, version, recorded));
                recorded += step.direction() == Direction.UP ? 1 : -1;
            } catch (OneStep.Taken taken) {
                throw new Overtaken(step, rows);
            }
            version = after(step, version);
            next++;
        }
        return rows;
    }

    /** The applied version once {@code sent} have run, {@code version} before them. */
    static Optional<Version> after(List<Together> sent, Optional<Version> version) {
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
        if (!ScriptExecutor.sendsTogether(session.connection())
                || session.callbacks().any(Callback.Event.BEFORE_EACH_MIGRATE, Callback.Event.AFTER_EACH_MIGRATE)) {
            return List.of();
        }
        // Before PostgreSQL 13 a statement_timeout covers a whole message, not each statement in it: there, many
        // migrations in one message could time out where each alone would not.
        return Together.from(steps, first, session.serverMajor() >= 13 ? most : 1, session.history(),
                session.user(), recorded);
    }
}
