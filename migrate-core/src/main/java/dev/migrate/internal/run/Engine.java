package dev.migrate.internal.run;

import dev.migrate.AppliedMigration;
import dev.migrate.AppliedRepeatable;
import dev.migrate.Callback;
import dev.migrate.Change;
import dev.migrate.Direction;
import dev.migrate.InvalidMigrationException;
import dev.migrate.LockLostException;
import dev.migrate.MigrateException;
import dev.migrate.MigrateResult;
import dev.migrate.Migration;
import dev.migrate.Repeatable;
import dev.migrate.Version;
import dev.migrate.internal.ProgressLog;
import dev.migrate.internal.postgres.AdvisoryLock;
import dev.migrate.internal.postgres.HistoryTable;
import dev.migrate.internal.postgres.RepeatableHistory;
import dev.migrate.spi.MigrationSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;

/**
 * The run algorithm: everything {@code Migrator} does, in the order it happens. {@link #run} is the whole of it:
 * <ol>
 * <li>list the migration files (a version the change names must have one) and the repeatable migrations, for
 *     folders on a second thread while step 2 connects (a listing error is still the one reported first);</li>
 * <li>connect (running the init SQL) and read the history once, without the lock, and refuse now if the
 *     database is dirty, validation fails (going up: changed or missing applied files, out-of-order versions;
 *     going down: a migration without a down script) or a script to run is unusable (each is read, decoded,
 *     split where it must be, and checked for statements that would end its transaction), so that a refusal has
 *     changed nothing; with nothing to do,
 *     stop here, so an instance with nothing to do never waits behind another's long migration;</li>
 * <li>take the advisory lock, polling until the lock timeout;</li>
 * <li>record the history being adopted from another tool, or create the history table (and, with baseline on
 *     migrate, baseline a schema that has objects but no history), and read the history again: another instance
 *     may have just migrated;</li>
 * <li>check again as in step 2, on the history as it is now;</li>
 * <li>set the lock guard's timeouts and, when a schema is to come first on the search_path (a fleet's schema
 *     target), put it there, the path as it was put back afterwards;</li>
 * <li>run each step between the run's callbacks, checking first that the lock is still held: its script and its
 *     history row in one transaction, the row written first so that a version another run recorded is never run
 *     again (a {@code no-transaction} script: claim the row dirty, run each statement, settle the row); then, on a
 *     run up, each repeatable migration that is new or changed since it last ran, with its row;</li>
 * <li>release the lock, also on failure; a failure to release never hides the original error.</li>
 * </ol>
 * The other operations are cut from the same steps ({@link Steps}), each in a class of its own: {@link Reports}
 * (plan, status, validate) stops after step 2 and changes nothing; {@link HistoryCommands} (force, baseline) takes
 * steps 1, 3 and 4, then changes the history only, and adopt takes steps 1 and 3; {@link Cleaning} takes the lock
 * and empties the schema; {@link Linting} takes steps 1 and 2 and tries the pending migrations on a scratch
 * database, where a run of this class, handed in by the front door, applies those before them.
 *
 * <p>Driver exceptions become {@code DatabaseAccessException}s as they happen, through {@link Connections}, each
 * naming the step that was being taken.
 */
public final class Engine {

    private static final Logger log = ProgressLog.LOG;

    private final Steps shared;
    private final Settings settings;
    private final MigrationSource source;
    private final HistoryTable history;
    private final RepeatableHistory repeatableHistory;
    private final Listeners listener;
    private final Interruption interruption;

    public Engine(Steps shared) {
        this.shared = shared;
        this.settings = shared.settings();
        this.source = shared.source();
        this.history = shared.history();
        this.repeatableHistory = shared.repeatableHistory();
        this.listener = shared.listener();
        this.interruption = shared.interruption();
    }

    /** Runs {@code change}: the seven steps of this class's description. */
    public MigrateResult run(Change change) {
        long started = System.nanoTime();
        listener.runStarted(change);
        try {
            Listing.Ahead listing = shared.listing(change.version());
            boolean down = change.kind() == Change.Kind.DOWN;
            return shared.connected("run the migrations", listing, connection -> {
                List<Migration> migrations = listing.get();
                List<Repeatable> repeatables = source.repeatables();
                Callbacks callbacks = shared.callbacks();
                MigrationStates before = shared.read(connection, migrations, Steps.target(change));
                List<Repeatable> due = shared.repeatables(connection, repeatables, before).due(change);
                // Refused here, before the lock, nothing is created or adopted: a refusal changes nothing. A dirty
                // version that the lock's holder is running now is no refusal: wait for the lock, then look again.
                Optional<Running> running = before.dirty() ? shared.running(connection, before) : Optional.empty();
                if (running.map(Running::lockLost).orElse(true)) {
                    Steps.throwFirst(shared.problems(change, before, running));
                }
                List<Step> planned = before.steps(change);
                if (change.limit() != Change.ALL && planned.size() < change.limit()) {
                    // golang-migrate reports a short limit too; a count that cannot be met is said, not passed over.
                    log.warn("{} asks for {} migration{}, but only {} {} to {}: {} {}", change, change.limit(),
                            change.limit() == 1 ? "" : "s", planned.size(), planned.size() == 1 ? "is" : "are",
                            down ? "roll back" : "apply", down ? "rolling back" : "applying",
                            planned.size() == 1 ? "it" : planned.isEmpty() ? "none" : "those");
                }
                Preflight.Checked checked = Preflight.check(planned, due, callbacks.scripts(), history.schema(),
                        history.tableName());
                Steps.throwAll(checked.problems());
                keepHistoryOutOfTheFoldersWay(checked.touchingHistory());
                List<Version> ahead = before.ahead();
                if (!ahead.isEmpty()) {
                    boolean one = ahead.size() == 1;
                    log.info("the database is ahead of this application: version{} {} {} applied by a newer release "
                            + "and {} no file here; carrying on", one ? "" : "s",
                            ahead.stream().map(Version::toString).collect(Collectors.joining(", ")),
                            one ? "was" : "were", one ? "has" : "have");
                }
                boolean around = down ? callbacks.any(Callback.Event.BEFORE_UNDO, Callback.Event.AFTER_UNDO,
                        Callback.Event.AFTER_UNDO_OPERATION_FINISH) : callbacks.any(Callback.Event.BEFORE_MIGRATE,
                        Callback.Event.AFTER_MIGRATE, Callback.Event.AFTER_MIGRATE_OPERATION_FINISH);
                if (before.adoption().isEmpty() && planned.isEmpty() && due.isEmpty() && !around) {
                    return finished(RunOutcome.of(before.current(), before.current(), List.of(), List.of(), List.of(),
                            started, Optional.empty()));
                }
                try (AdvisoryLock.Lease lease = shared.lock(connection)) {
                    MigrationStates now = baselineIfUnrecorded(connection, change, migrations,
                            shared.recordHistory(connection, migrations, Steps.target(change)));
                    Execution execution = Steps.sql("read the database user", () -> new Execution(connection, history,
                            listener, callbacks, settings.lockGuard(), interruption));
                    Steps.sql("set the lock timeout", () -> {
                        settings.lockGuard().apply(connection);
                        return null;
                    });
                    String path = settings.searchPath() == null ? null : Steps.sql("put the schema first on the "
                            + "search_path", () -> SearchPath.putFirst(connection, settings.searchPath()));
                    try {
                        return finished(callbacks.around(connection, down, () -> execute(connection, change,
                                migrations, repeatables, callbacks, now, new HashSet<>(planned), execution, lease,
                                started)));
                    } finally {
                        if (path != null) {
                            SearchPath.restore(connection, path);
                        }
                        settings.lockGuard().reset(connection);
                    }
                }
            });
        } catch (MigrateException e) {
            listener.runFailed(e, Duration.ofNanos(System.nanoTime() - started));
            throw e;
        }
    }









    /**
     * Stops the runs of this engine from another thread: the statement in flight is cancelled on the server (its
     * transaction rolls back, and the run fails naming the interruption), no further migration starts, and the
     * lock is released as the run unwinds. Nothing more runs afterwards.
     *
     * @return whether a run was under way
     */
    public boolean cancel() {
        return interruption.request();
    }

    /**
     * A folder whose own SQL uses the history table's name (a Rails-era schema_migrations) gets the history kept
     * at the other name; where migrate's history already lives under that name, the run is refused, naming the
     * files and the rename, before anything runs.
     */
    private void keepHistoryOutOfTheFoldersWay(List<String> touching) {
        if (!touching.isEmpty() && !history.moveAside()) {
            throw InvalidMigrationException.touchesHistoryTable(touching, history.name(), history.alternateName());
        }
    }

    /**
     * With baseline on migrate, a run up that finds objects in the schema and nothing recorded yet (after any
     * adoption) baselines first, as Flyway's baselineOnMigrate does.
     */
    private MigrationStates baselineIfUnrecorded(Connection connection, Change change, List<Migration> migrations,
            MigrationStates now) throws SQLException {
        Optional<Version> at = settings.baselineOnMigrate();
        if (at.isEmpty() || change.kind() == Change.Kind.DOWN || !now.rows().isEmpty()
                || !SchemaContents.hasObjects(connection, settings.schema(), settings.table(),
                        "migrate_" + settings.table(), settings.table() + "_repeatables")) {
            return now;
        }
        List<Version> recorded = new HistoryEdits(connection, history).baseline(now, at.get());
        log.info("baselined on migrate at version {}: the schema has objects but no history; {} migrations recorded "
                + "as applied without running them", at.get(), recorded.size());
        return shared.read(connection, migrations, Steps.target(change));
    }

    /**
     * Steps 5 and 6. When another run recorded a version first (the lock did not keep the runs apart), a change
     * with a fixed target reads the history again and carries on from there; a change that counts steps (up 2,
     * down 1) stops, since its count no longer means what was asked.
     */
    private MigrateResult execute(Connection connection, Change change, List<Migration> migrations,
            List<Repeatable> repeatables, Callbacks callbacks, MigrationStates first, Set<Step> checked,
            Execution execution, AdvisoryLock.Lease lease, long started) {
        MigrationStates now = first;
        List<Step> done = new ArrayList<>();
        List<AppliedMigration> rows = new ArrayList<>();
        while (true) {
            // Under the lock, a dirty version can only be in progress in a session whose run lost the lock.
            MigrationStates states = now;
            Optional<Running> running = !now.dirty() ? Optional.empty() : Steps.sql("look for the session applying "
                    + "a dirty version", () -> Steps.claimantAlive(connection, states))
                    .map(session -> new Running(session, true));
            Steps.throwFirst(shared.problems(change, now, running));
            List<Step> steps = now.steps(change);
            // The steps planned before the lock were checked then; a script changed since is caught when read.
            Steps.throwAll(Preflight.problems(steps.stream().filter(step -> !checked.contains(step)).toList()));
            try {
                rows.addAll(execution.runAll(steps, now, lease));
                done.addAll(steps);
                if (change.kind() != Change.Kind.DOWN) {
                    callbacks.fire(Callback.Event.AFTER_VERSIONED, connection, Optional.empty());
                }
                // Read again under the lock: another run may have applied them since step 2.
                List<Repeatable> due = shared.repeatables(connection, repeatables, now).due(change);
                Steps.throwAll(Preflight.problems(List.of(), due));
                if (!due.isEmpty()) {
                    callbacks.fire(Callback.Event.BEFORE_REPEATABLES, connection, Optional.empty());
                }
                List<AppliedRepeatable> again = RepeatableRuns.runAll(connection, repeatableHistory, due, lease,
                        RunOutcome.applied(done, rows), callbacks);
                return RunOutcome.of(first.current(), now.versionAfter(steps), done, rows, again, started,
                        Optional.of(lease.waited()));
            } catch (Overtaken overtaken) {
                rows.addAll(overtaken.done());
                done.addAll(steps.subList(0, overtaken.done().size()));
                String what = "another run "
                        + (overtaken.step().direction() == Direction.UP ? "applied" : "rolled back")
                        + " migration " + overtaken.step().migration().label() + " at the same time, so the lock "
                        + "did not keep the runs apart";
                if (!change.hasFixedTarget()) {
                    throw new LockLostException(lease.description(), what, overtaken.step().migration(), rows);
                }
                log.warn("{}; this run did not touch it, and carries on from the history as it is now", what);
                now = shared.read(connection, migrations, Steps.target(change));
            }
        }
    }

    private MigrateResult finished(MigrateResult result) {
        listener.runFinished(result);
        return result;
    }
}
