package dev.migrate.internal.run;

import dev.migrate.AdoptResult;
import dev.migrate.AppliedMigration;
import dev.migrate.AppliedRepeatable;
import dev.migrate.BaselineResult;
import dev.migrate.Callback;
import dev.migrate.Change;
import dev.migrate.CleanResult;
import dev.migrate.Direction;
import dev.migrate.ForceResult;
import dev.migrate.InvalidMigrationException;
import dev.migrate.LintFinding;
import dev.migrate.LintReport;
import dev.migrate.LockHolder;
import dev.migrate.LockLostException;
import dev.migrate.LockTimeoutException;
import dev.migrate.MigrateException;
import dev.migrate.MigrateResult;
import dev.migrate.Migration;
import dev.migrate.Plan;
import dev.migrate.Repeatable;
import dev.migrate.Status;
import dev.migrate.ValidationResult;
import dev.migrate.Version;
import dev.migrate.internal.ProgressLog;
import dev.migrate.internal.adopt.Adoption;
import dev.migrate.internal.lint.EmbeddedScratch;
import dev.migrate.internal.lint.Linter;
import dev.migrate.internal.lint.ServerCheck;
import dev.migrate.internal.postgres.AdvisoryLock;
import dev.migrate.internal.postgres.Claimants;
import dev.migrate.internal.postgres.Replies;
import dev.migrate.internal.postgres.HistoryTable;
import dev.migrate.internal.postgres.RepeatableHistory;
import dev.migrate.internal.postgres.SchemaCleaner;
import dev.migrate.internal.source.FolderSource;
import dev.migrate.internal.source.RecentTexts;
import dev.migrate.spi.MigrationSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.sql.DataSource;
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
 * <li>run each step between the run's callbacks, checking first that the lock is still held: its script and its
 *     history row in one transaction, the row written first so that a version another run recorded is never run
 *     again (a {@code no-transaction} script: claim the row dirty, run each statement, settle the row); then, on a
 *     run up, each repeatable migration that is new or changed since it last ran, with its row;</li>
 * <li>release the lock, also on failure; a failure to release never hides the original error.</li>
 * </ol>
 * The other operations are cut from the same steps. {@link #plan}, {@link #status} and {@link #validate} stop
 * after step 2 and change nothing; {@link #force} and {@link #baseline} take steps 1, 3 and 4, then change the
 * history only; {@link #adopt} takes steps 1 and 3 and records another tool's history.
 *
 * <p>Driver exceptions become {@code DatabaseAccessException}s as they happen, through {@link Connections}, each
 * naming the step that was being taken.
 */
public final class Engine {

    private static final Logger log = ProgressLog.LOG;

    private final DataSource dataSource;
    private final MigrationSource source;
    private final HistoryTable history;
    private final HistoryReader reader;
    private final RepeatableHistory repeatableHistory;
    private final Settings settings;
    private final Listeners listener;
    private final Interruption interruption = new Interruption();

    public Engine(Settings settings) {
        this.settings = settings;
        this.dataSource = settings.dataSource();
        this.source = settings.source();
        this.history = new HistoryTable(settings.schema(), settings.table(), settings.historyMayMove());
        this.repeatableHistory = new RepeatableHistory(settings.schema(), settings.table());
        this.reader = new HistoryReader(history, repeatableHistory);
        this.listener = new Listeners(settings.listeners());
    }

    /** Runs {@code change}: the seven steps of this class's description. */
    public MigrateResult run(Change change) {
        long started = System.nanoTime();
        listener.runStarted(change);
        try {
            Listing.Ahead listing = listing(change.version());
            boolean down = change.kind() == Change.Kind.DOWN;
            return connected("run the migrations", listing, connection -> {
                List<Migration> migrations = listing.get();
                List<Repeatable> repeatables = source.repeatables();
                Callbacks callbacks = callbacks();
                MigrationStates before = read(connection, migrations, target(change));
                List<Repeatable> due = repeatables(connection, repeatables, before).due(change);
                // Refused here, before the lock, nothing is created or adopted: a refusal changes nothing. A dirty
                // version that the lock's holder is running now is no refusal: wait for the lock, then look again.
                Optional<Running> running = before.dirty() ? running(connection, before) : Optional.empty();
                if (running.map(Running::lockLost).orElse(true)) {
                    throwFirst(problems(change, before, running));
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
                throwAll(checked.problems());
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
                try (AdvisoryLock.Lease lease = lock(connection)) {
                    MigrationStates now = baselineIfUnrecorded(connection, change, migrations,
                            recordHistory(connection, migrations, target(change)));
                    Execution execution = sql("read the database user", () -> new Execution(connection, history,
                            listener, callbacks, settings.lockGuard(), interruption));
                    sql("set the lock timeout", () -> {
                        settings.lockGuard().apply(connection);
                        return null;
                    });
                    try {
                        return finished(callbacks.around(connection, down, () -> execute(connection, change,
                                migrations, repeatables, callbacks, now, new HashSet<>(planned), execution, lease,
                                started)));
                    } finally {
                        settings.lockGuard().reset(connection);
                    }
                }
            });
        } catch (MigrateException e) {
            listener.runFailed(e, Duration.ofNanos(System.nanoTime() - started));
            throw e;
        }
    }

    /** Steps 1 and 2 of a run, and what step 6 would run: a dry run that fails as the run would fail. */
    public Plan plan(Change change) {
        Listing.Ahead listing = listing(change.version());
        return connected("read the migration state", listing, connection -> {
            MigrationStates now = read(connection, listing.get(), target(change));
            throwFirst(problems(change, now, now.dirty() ? running(connection, now) : Optional.empty()));
            List<Step> steps = now.steps(change);
            List<Repeatable> due = repeatables(connection, source.repeatables(), now).due(change);
            throwAll(Preflight.problems(steps, due));
            return new Plan(now.current(), now.versionAfter(steps), steps.stream().map(Step::planned).toList(),
                    due.stream().map(Repeatables::planned).toList());
        });
    }

    /** Steps 1 and 2 of a run, reported. */
    public Status status() {
        Listing.Ahead listing = listing(Optional.empty());
        return connected("read the migration status", listing, connection -> {
            MigrationStates states = read(connection, listing.get());
            Status status = states.status(states.dirty() ? running(connection, states) : Optional.empty());
            return new Status(status.version(), status.dirty(), status.migrations(), status.willAdoptFrom(),
                    repeatables(connection, source.repeatables(), states).status());
        });
    }

    /** Steps 1 and 2 of a run, and every reason step 5 would refuse to go up, every pending script checked. */
    public ValidationResult validate() {
        List<Migration> migrations;
        try {
            migrations = Listing.load(source, Optional.empty());
        } catch (InvalidMigrationException e) {
            // Listing stops at the first unusable file (telling layouts apart can mean reading one): report it.
            return new ValidationResult(List.of(e));
        }
        return connected("validate the migrations", connection -> {
            MigrationStates states = read(connection, migrations);
            List<MigrateException> problems = new ArrayList<>(states.problems(settings.outOfOrder(), true,
                    settings.allowDatabaseAhead(), states.dirty() ? running(connection, states) : Optional.empty()));
            problems.addAll(Preflight.problems(states.steps(Change.up()),
                    repeatables(connection, source.repeatables(), states).due(Change.up())));
            return new ValidationResult(problems);
        });
    }

    /**
     * Steps 1, 3 and 4, then records {@code version} as the newest applied version, clean (or, with none, no
     * version at all), running no script.
     */
    public ForceResult force(Optional<Version> version) {
        List<Migration> migrations = Listing.load(source, version);
        return locked("force the version", Duration.ZERO, migrations, (connection, now) -> {
            Optional<LockHolder> claimant = claimantAlive(connection, now);
            if (claimant.isPresent()) {
                throw LockTimeoutException.stillRunning("force the version", now.rows().stream()
                        .filter(AppliedMigration::dirty).map(AppliedMigration::label).findFirst().orElse("?"),
                        claimant.get());
            }
            new HistoryEdits(connection, history).force(now, version.flatMap(now::file));
            log.info("forced the database to {} (it was at {}{})", version.map(v -> "version " + v)
                    .orElse("no version"), now.current().map(v -> "version " + v).orElse("no version"),
                    now.dirty() ? ", dirty" : "");
            return new ForceResult(now.current(), now.dirty(), version);
        });
    }

    /** Steps 1, 3 and 4, then records every migration up to {@code version} as applied, running none. */
    public BaselineResult baseline(Version version) {
        List<Migration> migrations = Listing.load(source, Optional.of(version));
        return locked("baseline the database", settings.lockTimeout(), migrations, (connection, now) -> {
            throwFirst(now.problems(true, false));
            List<Version> recorded = new HistoryEdits(connection, history).baseline(now, version);
            log.info("baselined the database at version {}: {} migrations recorded as applied without running them",
                    version, recorded.size());
            return new BaselineResult(version, recorded);
        });
    }

    /**
     * Steps 1 and 3, then records the history of {@code tool} (or of the first tool found) as applied. Not
     * through {@link #locked}: its step 4 would adopt the first history found before the named one is looked for.
     */
    public AdoptResult adopt(Optional<String> tool) {
        List<Migration> migrations = Listing.load(source, Optional.empty());
        return connected("adopt another tool's history", connection -> {
            try (AdvisoryLock.Lease lease = lock(connection)) {
                Optional<Adoption> adoption = reader.find(connection, migrations, source.repeatables(), tool);
                List<AppliedMigration> recorded = adoption.isEmpty() ? List.of()
                        : reader.adopt(connection, adoption.get());
                return result(adoption, recorded, false);
            }
        });
    }

    /** What {@link #adopt} would record, without the lock or any change. */
    public AdoptResult planAdoption(Optional<String> tool) {
        List<Migration> migrations = Listing.load(source, Optional.empty());
        return connected("read other tools' history", connection -> {
            Optional<Adoption> adoption = reader.find(connection, migrations, source.repeatables(), tool);
            return result(adoption, adoption.map(Adoption::rows).orElse(List.of()), true);
        });
    }

    /**
     * Step 1, then the linter over the pending migrations (read as step 2 reads them, for the server's version
     * too); with {@code all}, over every migration, without connecting (rules that depend on the server's version
     * are left out).
     */
    public LintReport lint(boolean all) {
        try {
            if (all) {
                return new LintReport(0, 0, Linter.lint(Listing.load(source, Optional.empty()), Integer.MAX_VALUE));
            }
            Pending pending = pending();
            return new LintReport(pending.serverVersion(), 0, Linter.lint(pending.migrations(), pending.listed(),
                    pending.serverVersion()));
        } finally {
            RecentTexts.forget(); // the linter reads the scripts after the connection is closed
        }
    }

    /** The files listed, the pending ones among them, and the server's version (170002), read in one connection. */
    private record Pending(List<Migration> listed, List<Migration> migrations, int serverVersion) {
    }

    private Pending pending() {
        List<Migration> listed = Listing.load(source, Optional.empty());
        return connected("read the pending migrations", connection -> new Pending(listed, read(connection, listed)
                .steps(Change.up()).stream().map(Step::migration).toList(), serverVersion(connection)));
    }

    private static int serverVersion(Connection connection) throws SQLException {
        java.sql.DatabaseMetaData server = connection.getMetaData();
        return server.getDatabaseMajorVersion() * 10_000 + server.getDatabaseMinorVersion();
    }

    /**
     * As {@link #lint(boolean)} over the pending migrations, and then each of them tried on {@code scratch}: the
     * migrations before them are applied there, and each pending one runs statement by statement in a transaction
     * that is rolled back while {@link ServerCheck} records what the server did, then is applied for the next.
     */
    public LintReport lintOnServer(DataSource scratch) {
        return lintOnServer(() -> scratch);
    }

    /** As {@link #lintOnServer(DataSource)} on a throw-away embedded PostgreSQL, started only if one is pending. */
    public LintReport lintOnEmbeddedServer() {
        try (EmbeddedScratch embedded = new EmbeddedScratch()) {
            return lintOnServer(embedded::dataSource);
        }
    }

    /** Whether {@link #lintOnEmbeddedServer()} can start an embedded PostgreSQL. */
    public static boolean embeddedServerAvailable() {
        return EmbeddedScratch.available();
    }

    private LintReport lintOnServer(Supplier<DataSource> scratchServer) {
        try {
            return lintOnServer(pending(), scratchServer);
        } finally {
            RecentTexts.forget();
        }
    }

    private LintReport lintOnServer(Pending pending, Supplier<DataSource> scratchServer) {
        List<LintFinding> findings = new ArrayList<>(Linter.lint(pending.migrations(), pending.listed(),
                pending.serverVersion()));
        if (pending.migrations().isEmpty()) {
            return new LintReport(pending.serverVersion(), 0, findings);
        }
        DataSource scratch = scratchServer.get();
        Engine onScratch = new Engine(settings.onScratch(scratch));
        int first = pending.listed().indexOf(pending.migrations().get(0));
        if (first > 0) {
            onScratch.run(Change.upTo(pending.listed().get(first - 1).version()));
        }
        int scratchVersion = 0;
        for (Migration migration : pending.migrations()) {
            scratchVersion = Connections.connected(scratch, "try " + migration.label() + " on the scratch database",
                    connection -> {
                        findings.addAll(ServerCheck.observe(connection, migration));
                        return serverVersion(connection);
                    });
            onScratch.run(Change.upTo(migration.version()));
        }
        return new LintReport(pending.serverVersion(), scratchVersion, findings);
    }

    /** Under the lock, drops every object of the history table's schema; refused unless enabled. */
    public CleanResult clean() {
        if (!settings.cleanEnabled()) {
            throw new IllegalStateException("clean is disabled: it drops every object in the schema"
                    + (settings.schema() == null ? "" : " " + settings.schema()) + ", data included. Enable it for "
                    + "development databases only (MigratorBuilder.cleanEnabled(true), "
                    + "database.migrations.clean-enabled=true; the CLI's drop asks first, or takes -f).");
        }
        return connected("clean the schema", connection -> {
            try (AdvisoryLock.Lease lease = lock(connection)) {
                CleanResult result = sql("drop the schema's objects",
                        () -> SchemaCleaner.clean(connection, settings.schema()));
                log.warn("cleaned schema {}: dropped {} object{}{}", result.schema(), result.dropped().size(),
                        result.dropped().size() == 1 ? "" : "s", result.remaining().isEmpty() ? ""
                                : "; left " + String.join(", ", result.remaining()));
                return result;
            }
        });
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

    /** Connects as a run's first connection would (waiting as the settings say), and how long that took. */
    public Duration awaitDatabase() {
        long started = System.nanoTime();
        return Connections.connected(dataSource, settings.databaseWait(), "reach the database",
                connection -> Duration.ofNanos(System.nanoTime() - started));
    }

    /** Which session holds the migration lock right now, if any; the lock is not taken. */
    public Optional<LockHolder> lockHolder() {
        return connected("read who holds the migration lock", connection -> advisoryLock(connection).holder());
    }

    // Step 1

    // Step 2

    private MigrationStates read(Connection connection, List<Migration> migrations) {
        return read(connection, migrations, Optional.empty());
    }

    /** The states, a Flyway folder's baseline migration standing for the versions up to it where it applies. */
    private MigrationStates read(Connection connection, List<Migration> migrations, Optional<Version> target) {
        HistoryReader.History read = sql("read the history table " + history.name(),
                () -> reader.read(connection, migrations, source.repeatables()));
        List<Migration> baselines = source instanceof FolderSource folders ? folders.baselines() : List.of();
        return MigrationStates.of(BaselineMigrations.effective(migrations, baselines, read.rows(), target),
                read.rows(), source.description(), read.adoption());
    }

    /** The version a change goes up to, which picks a baseline migration; none going down. */
    private static Optional<Version> target(Change change) {
        return change.kind() == Change.Kind.DOWN ? Optional.empty() : change.version();
    }

    /** The repeatable migrations set against their last applications (or the ones about to be adopted). */
    private Repeatables repeatables(Connection connection, List<Repeatable> files, MigrationStates states) {
        return new Repeatables(files, sql("read " + repeatableHistory.name(),
                () -> reader.repeatables(connection, files, states.adoption())));
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

    // Step 3

    /**
     * Who is applying a dirty version now, if anyone: the run holding the lock, else a session that claimed a dirty
     * row and goes on after its run lost the lock. Only asked when a version is dirty, to tell in progress from failed.
     */
    private Optional<Running> running(Connection connection, MigrationStates states) throws SQLException {
        Optional<LockHolder> holder = advisoryLock(connection).holder(connection);
        return holder.isPresent() ? holder.map(h -> new Running(h, false))
                : claimantAlive(connection, states).map(session -> new Running(session, true));
    }

    /** The session still running a dirty version it claimed, if any: asked only where a row names one. */
    private static Optional<LockHolder> claimantAlive(Connection connection, MigrationStates states)
            throws SQLException {
        for (String claimant : states.dirtyClaimants()) {
            Optional<LockHolder> session = Claimants.alive(connection, claimant);
            if (session.isPresent()) {
                return session;
            }
        }
        return Optional.empty();
    }

    private AdvisoryLock.Lease lock(Connection connection) {
        return lock(connection, settings.lockTimeout());
    }

    private AdvisoryLock.Lease lock(Connection connection, Duration timeout) {
        AdvisoryLock.Lease lease = sql("take the migration lock", () -> advisoryLock(connection)).acquire(timeout);
        if (sql("check the migration lock's session", () -> lease.releasedIfShared(connection))) {
            lease.close();
            throw LockLostException.sharedSession(lease.description(), lease.pid());
        }
        listener.lockAcquired(lease.waited());
        return lease;
    }

    private AdvisoryLock advisoryLock(Connection connection) throws SQLException {
        return AdvisoryLock.forHistory(dataSource, connection, settings.schema(), settings.table(), listener,
                settings.replyTimeout());
    }

    // Step 4

    /**
     * Under the lock: the history as migrate's table holds it, recording first another tool's history when that
     * is where the rows come from, and creating the table when there is none.
     */
    private MigrationStates recordHistory(Connection connection, List<Migration> migrations,
            Optional<Version> target) {
        MigrationStates now = read(connection, migrations, target);
        if (now.adoption().isEmpty()) {
            sql("create the history table " + history.name(), () -> {
                history.create(connection);
                return null;
            });
            return now;
        }
        Adoption adoption = now.adoption().get();
        sql("record the history adopted from " + adoption.tool(), () -> reader.adopt(connection, adoption));
        return read(connection, migrations, target);
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
        return read(connection, migrations, target(change));
    }

    // Step 5

    /**
     * Going up (or to a version) validates everything; going down only refuses a dirty database. A dirty version
     * someone is applying right now ({@code running}) is refused as in progress, not as a failure.
     */
    private List<MigrateException> problems(Change change, MigrationStates states, Optional<Running> running) {
        return change.kind() == Change.Kind.DOWN
                ? states.problems(true, false, true, running)
                : states.problems(settings.outOfOrder(), settings.validateOnMigrate(), settings.allowDatabaseAhead(),
                        running);
    }

    /** Every unusable script at once, so that one look at the message is enough to fix the folder. */
    private static void throwAll(List<MigrateException> problems) {
        if (!problems.isEmpty()) {
            throw InvalidMigrationException.all(problems);
        }
    }

    private static void throwFirst(List<MigrateException> problems) {
        if (!problems.isEmpty()) {
            throw problems.get(0);
        }
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
            throwFirst(problems(change, now, !now.dirty() ? Optional.empty() : sql("look for the session applying a "
                    + "dirty version", () -> claimantAlive(connection, states)).map(session -> new Running(session, true))));
            List<Step> steps = now.steps(change);
            // The steps planned before the lock were checked then; a script changed since is caught when read.
            throwAll(Preflight.problems(steps.stream().filter(step -> !checked.contains(step)).toList()));
            try {
                rows.addAll(execution.runAll(steps, now, lease));
                done.addAll(steps);
                if (change.kind() != Change.Kind.DOWN) {
                    callbacks.fire(Callback.Event.AFTER_VERSIONED, connection, Optional.empty());
                }
                // Read again under the lock: another run may have applied them since step 2.
                List<Repeatable> due = repeatables(connection, repeatables, now).due(change);
                throwAll(Preflight.problems(List.of(), due));
                if (!due.isEmpty()) {
                    callbacks.fire(Callback.Event.BEFORE_REPEATABLES, connection, Optional.empty());
                }
                List<AppliedRepeatable> again = RepeatableRuns.runAll(connection, repeatableHistory, due, lease,
                        RunOutcome.applied(done, rows), callbacks);
                return RunOutcome.of(first.current(), now.versionAfter(steps), done, rows, again, started,
                        Optional.of(lease.waited()));
            } catch (Execution.Overtaken overtaken) {
                rows.addAll(overtaken.done());
                done.addAll(steps.subList(0, overtaken.done().size()));
                String what = "another run " + (overtaken.step().direction() == Direction.UP ? "applied" : "rolled back")
                        + " migration " + overtaken.step().migration().label() + " at the same time, so the lock "
                        + "did not keep the runs apart";
                if (!change.hasFixedTarget()) {
                    throw new LockLostException(lease.description(), what, overtaken.step().migration(), rows);
                }
                log.warn("{}; this run did not touch it, and carries on from the history as it is now", what);
                now = read(connection, migrations, target(change));
            }
        }
    }

    /** The folder's SQL callbacks, then the Java ones given. */
    private Callbacks callbacks() {
        return new Callbacks(source instanceof FolderSource folders ? folders.callbacks() : List.of(),
                settings.callbacks());
    }

    private MigrateResult finished(MigrateResult result) {
        listener.runFinished(result);
        return result;
    }

    private static AdoptResult result(Optional<Adoption> adoption, List<AppliedMigration> rows, boolean dryRun) {
        return adoption.map(a -> new AdoptResult(a.tool(), a.table(), rows, dryRun))
                .orElse(new AdoptResult(null, null, List.of(), dryRun));
    }

    // Work under the lock, on connections of the run

    /** Work under the lock, on a history table that exists. */
    private interface LockedWork<T> {
        T run(Connection connection, MigrationStates now) throws SQLException;
    }

    /** Work under the lock, waiting for it up to {@code timeout}: zero refuses at once when another run holds it. */
    private <T> T locked(String action, Duration timeout, List<Migration> migrations, LockedWork<T> work) {
        return connected(action, connection -> {
            AdvisoryLock.Lease taken;
            try {
                taken = lock(connection, timeout);
            } catch (LockTimeoutException e) {
                throw timeout.isZero() && e.holder().isPresent()
                        ? LockTimeoutException.heldByAnotherRun(action, advisoryLock(connection).description(),
                                e.holder().get())
                        : e;
            }
            try (AdvisoryLock.Lease lease = taken) {
                return work.run(connection, recordHistory(connection, migrations, Optional.empty()));
            }
        });
    }

    /**
     * Step 1 begun for step 2 to wait for: on a second thread, while step 2 connects, for folders (migrate's own
     * code); on this thread for a source of the user's own (its author may rely on the caller's thread), and when
     * the run may wait for a database that is not up yet (a file's error must not wait behind it).
     */
    private Listing.Ahead listing(Optional<Version> named) {
        return Listing.ahead(source, named, source instanceof FolderSource && settings.databaseWait().retries() == 0);
    }

    /**
     * As {@link #connected(String, Connections.Work)}, {@code listing} under way meanwhile: when both fail, the
     * listing's error is the one reported, as it was when files were listed before connecting.
     */
    private <T> T connected(String action, Listing.Ahead listing, Connections.Work<T> work) {
        try {
            return connected(action, work);
        } catch (RuntimeException e) {
            listing.get();
            throw e;
        }
    }

    private <T> T connected(String action, Connections.Work<T> work) {
        try {
            return Connections.connected(dataSource, settings.databaseWait(), action, connection -> {
                // Asked only if a script uses ${flyway:user} and the like: a run that needs none sends nothing more.
                settings.placeholders().bind(() -> sql("read the session for placeholders",
                        () -> SessionFacts.of(connection, settings.schema())));
                interruption.enter(connection);
                int bound = Replies.bound(connection, settings.replyTimeout());
                try {
                    return InitSql.around(connection, settings.initSql(), work);
                } finally {
                    Replies.restore(connection, bound);
                    interruption.exit(connection);
                }
            });
        } finally {
            RecentTexts.forget();
        }
    }

    private static <T> T sql(String action, Connections.Call<T> work) {
        return Connections.call(action, work);
    }
}
