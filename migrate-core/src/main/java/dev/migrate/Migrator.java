package dev.migrate;

import dev.migrate.internal.postgres.AdvisoryLock;
import dev.migrate.internal.postgres.PostgresHistory;
import dev.migrate.internal.run.Comparison;
import dev.migrate.internal.run.Execution;
import dev.migrate.internal.run.HistoryEdits;
import dev.migrate.internal.run.HistoryReader;
import dev.migrate.internal.adopt.Adoption;
import dev.migrate.internal.run.Listeners;
import dev.migrate.internal.run.Step;
import dev.migrate.spi.MigrationLock;
import dev.migrate.spi.MigrationSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's front door: applies, rolls back, checks and reports PostgreSQL migrations.
 *
 * <pre>{@code
 * Migrator migrator = Migrator.builder(dataSource).locations("classpath:db/migrations").build();
 * MigrateResult result = migrator.migrate();
 * }</pre>
 *
 * A migrator is immutable and safe to share; every call reads the files and the history afresh.
 */
public final class Migrator {

    public static final String DEFAULT_LOCATION = "classpath:db/migrations";
    public static final String DEFAULT_TABLE = "schema_migrations";
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofMinutes(5);
    public static final boolean DEFAULT_OUT_OF_ORDER = false;
    public static final boolean DEFAULT_VALIDATE_ON_MIGRATE = true;

    private static final Logger log = LoggerFactory.getLogger(Migrator.class);

    private final DataSource dataSource;
    private final MigrationSource source;
    private final PostgresHistory history;
    private final HistoryReader reader;
    private final String schema;
    private final String table;
    private final Duration lockTimeout;
    private final boolean outOfOrder;
    private final boolean validateOnMigrate;
    private final MigrationListener listener;

    Migrator(MigratorBuilder builder) {
        this.dataSource = builder.dataSource;
        this.source = builder.sourceOrFolders();
        this.schema = builder.schema;
        this.table = builder.table;
        this.history = new PostgresHistory(schema, table);
        this.reader = new HistoryReader(history);
        this.lockTimeout = builder.lockTimeout;
        this.outOfOrder = builder.outOfOrder;
        this.validateOnMigrate = builder.validateOnMigrate;
        this.listener = new Listeners(builder.listeners);
    }

    public static MigratorBuilder builder(DataSource dataSource) {
        return new MigratorBuilder(dataSource);
    }

    /** Applies every pending migration; see {@link #run(Command)}. */
    public MigrateResult migrate() {
        return run(Command.up());
    }

    /** Applies the pending migrations up to and including {@code target}; see {@link #run(Command)}. */
    public MigrateResult migrate(Version target) {
        return run(Command.upTo(target));
    }

    /** Rolls back the {@code steps} newest migrations with their down scripts; see {@link #run(Command)}. */
    public MigrateResult rollback(int steps) {
        return run(Command.down(steps));
    }

    /** Applies or rolls back migrations until {@code version} is the newest applied; see {@link #run(Command)}. */
    public MigrateResult goTo(Version version) {
        return run(Command.goTo(version));
    }

    /**
     * Runs a command:
     * <ol>
     * <li>list the migration files;</li>
     * <li>read the history once, without the lock; if there is nothing to do and nothing is wrong, stop here, so
     *     an instance with nothing to do never waits behind another's long migration;</li>
     * <li>take the advisory lock, polling until the lock timeout;</li>
     * <li>create the history table if missing, and read it again: another instance may have just migrated;</li>
     * <li>refuse if the database is dirty; going up, also validate (changed or missing applied files,
     *     out-of-order versions); going down, check that every migration to roll back has a down script;</li>
     * <li>run each step, its script and its history change in one transaction (a {@code no-transaction}
     *     script: mark dirty, run each statement, settle the row);</li>
     * <li>release the lock, also on failure; a failure to release never hides the original error.</li>
     * </ol>
     * Steps completed before a failure stay completed.
     *
     * @throws VersionNotFoundException if the command names a version that no migration has
     */
    public MigrateResult run(Command command) {
        long started = System.nanoTime();
        try {
            List<Migration> migrations = load(command);
            try (Connection connection = connect()) {
                Comparison before = compare(connection, migrations);
                if (before.adoption().isEmpty() && problems(command, before).isEmpty()
                        && before.steps(command).isEmpty()) {
                    return finished(before.current(), before.current(), List.of(), List.of(), started, Duration.ZERO);
                }
                try (MigrationLock.Lease lease = acquireLock(connection)) {
                    Comparison now = recordedHistory(connection, migrations);
                    throwFirst(problems(command, now));
                    List<Step> steps = now.steps(command);
                    List<AppliedMigration> rows = execute(connection, now, steps);
                    return finished(now.current(), now.versionAfter(steps), steps, rows, started, lease.waited());
                }
            } catch (SQLException e) {
                throw new DatabaseAccessException("run the migrations", e);
            }
        } catch (MigrateException e) {
            listener.runFailed(e, Duration.ofNanos(System.nanoTime() - started));
            throw e;
        }
    }

    /**
     * Works out what {@link #run(Command)} would do, and fails as it would fail, without taking the lock or
     * changing anything: a dry run.
     */
    public Plan plan(Command command) {
        List<Migration> migrations = load(command);
        try (Connection connection = connect()) {
            Comparison now = compare(connection, migrations);
            throwFirst(problems(command, now));
            List<Step> steps = now.steps(command);
            return new Plan(now.current(), now.versionAfter(steps), steps.stream().map(Step::planned).toList());
        } catch (SQLException e) {
            throw new DatabaseAccessException("read the migration state", e);
        }
    }

    /**
     * Records {@code version} as the newest applied version and clears the dirty flag, without running any
     * script: the way out after a {@code no-transaction} migration failed part-way and the schema was put right
     * by hand. Rows above {@code version} are deleted; rows below are kept.
     *
     * @throws VersionNotFoundException if no migration has {@code version}
     */
    public ForceResult force(Version version) {
        return force(Optional.of(version));
    }

    /** Deletes every history row without running any script, as {@code migrate force -1} does. */
    public ForceResult forceNoVersion() {
        return force(Optional.empty());
    }

    private ForceResult force(Optional<Version> version) {
        List<Migration> migrations = source.load();
        version.ifPresent(v -> requireKnown(v, migrations));
        return locked("force the version", migrations, (connection, now) -> {
            Optional<Migration> target = version.flatMap(now::file);
            new HistoryEdits(connection, history).force(now, target);
            log.info("forced the database to {} (it was at {}{})", version.map(v -> "version " + v)
                    .orElse("no version"), now.current().map(v -> "version " + v).orElse("no version"),
                    now.dirty() ? ", dirty" : "");
            return new ForceResult(now.current(), now.dirty(), version);
        });
    }

    /**
     * Records every migration up to and including {@code version} as applied, without running it: for a
     * database whose schema was built before it used migrate. Migrations already recorded are left alone.
     *
     * @throws VersionNotFoundException if no migration has {@code version}
     * @throws DirtyDatabaseException if a version is dirty
     */
    public BaselineResult baseline(Version version) {
        List<Migration> migrations = source.load();
        requireKnown(version, migrations);
        return locked("baseline the database", migrations, (connection, now) -> {
            throwFirst(now.problems(true, false));
            List<Version> recorded = new HistoryEdits(connection, history).baseline(now, version);
            log.info("baselined the database at version {}: {} migrations recorded as applied without running them",
                    version, recorded.size());
            return new BaselineResult(version, recorded);
        });
    }

    /** Reads the state of every migration, without taking the lock or changing anything. */
    public Status status() {
        List<Migration> migrations = source.load();
        try (Connection connection = connect()) {
            return compare(connection, migrations).status();
        } catch (SQLException e) {
            throw new DatabaseAccessException("read the migration status", e);
        }
    }

    /** Lists every reason {@code migrate()} would refuse to run, without taking the lock or changing anything. */
    public ValidationResult validate() {
        List<Migration> migrations = source.load();
        try (Connection connection = connect()) {
            return new ValidationResult(compare(connection, migrations).problems(outOfOrder, true));
        } catch (SQLException e) {
            throw new DatabaseAccessException("validate the migrations", e);
        }
    }

    /**
     * Takes over another tool's history (golang-migrate, dbmate, SQLx, Atlas, diesel, goose, Flyway,
     * sql-migrate): the versions it applied are recorded as applied, without running them. {@link #migrate()}
     * does this by itself on a database that has another tool's history but not migrate's; this is the same
     * on demand, for the named tool, and as a dry run that records nothing.
     *
     * @param tool the tool to adopt from, or empty for the first whose history this database holds
     * @return what was (or would be) recorded; no tool and nothing recorded when no such history exists
     */
    public AdoptResult adopt(Optional<String> tool, boolean dryRun) {
        List<Migration> migrations = source.load();
        if (dryRun) {
            try (Connection connection = connect()) {
                return reader.find(connection, migrations, tool)
                        .map(a -> new AdoptResult(a.tool(), a.table(), a.rows(), true))
                        .orElse(new AdoptResult(null, null, List.of(), true));
            } catch (SQLException e) {
                throw new DatabaseAccessException("read other tools' history", e);
            }
        }
        // Not through locked(): that would adopt the first history found before the named one is looked for.
        try (Connection connection = connect(); MigrationLock.Lease lease = acquireLock(connection)) {
            Optional<Adoption> adoption = reader.find(connection, migrations, tool);
            if (adoption.isEmpty()) {
                return new AdoptResult(null, null, List.of(), false);
            }
            List<AppliedMigration> recorded = reader.adopt(connection, adoption.get());
            return new AdoptResult(adoption.get().tool(), adoption.get().table(), recorded, false);
        } catch (SQLException e) {
            throw new DatabaseAccessException("adopt another tool's history", e);
        }
    }

    /** Which session holds the migration lock right now, if any; the lock is not taken. */
    public Optional<LockHolder> lockHolder() {
        try (Connection connection = connect()) {
            return advisoryLock(connection).holder();
        } catch (SQLException e) {
            throw new DatabaseAccessException("read who holds the migration lock", e);
        }
    }

    private List<Migration> load(Command command) {
        List<Migration> migrations = source.load();
        command.version().ifPresent(version -> requireKnown(version, migrations));
        return migrations;
    }

    /** Going up (or to a version) validates everything; going down only refuses a dirty database. */
    private List<MigrateException> problems(Command command, Comparison comparison) {
        return command.kind() == Command.Kind.DOWN
                ? comparison.problems(true, false)
                : comparison.problems(outOfOrder, validateOnMigrate);
    }

    private static void throwFirst(List<MigrateException> problems) {
        if (!problems.isEmpty()) {
            throw problems.get(0);
        }
    }

    /** Runs the steps in order; returns the row each wrote (up) or removed (down). */
    private List<AppliedMigration> execute(Connection connection, Comparison now, List<Step> steps)
            throws SQLException {
        Execution execution = new Execution(connection, history, listener);
        List<AppliedMigration> rows = new ArrayList<>(steps.size());
        Optional<Version> version = now.current();
        for (Step step : steps) {
            Version stepVersion = step.migration().version();
            if (step.direction() == Direction.UP) {
                rows.add(execution.run(step, version));
                if (version.isEmpty() || stepVersion.compareTo(version.get()) > 0) {
                    version = Optional.of(stepVersion);
                }
            } else {
                version = now.appliedBelow(stepVersion);
                rows.add(execution.run(step, version));
            }
        }
        return rows;
    }

    /** Work done under the lock, on a history table that exists. */
    private interface LockedWork<T> {
        T run(Connection connection, Comparison now) throws SQLException;
    }

    private <T> T locked(String action, List<Migration> migrations, LockedWork<T> work) {
        try (Connection connection = connect(); MigrationLock.Lease lease = acquireLock(connection)) {
            return work.run(connection, recordedHistory(connection, migrations));
        } catch (SQLException e) {
            throw new DatabaseAccessException(action, e);
        }
    }

    private Connection connect() {
        try {
            Connection connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            return connection;
        } catch (SQLException e) {
            throw new DatabaseAccessException("connect to the database", e);
        }
    }

    private Comparison compare(Connection connection, List<Migration> migrations) {
        try {
            HistoryReader.History read = reader.read(connection, migrations);
            return Comparison.of(migrations, read.rows(), source.description(), read.adoption());
        } catch (SQLException e) {
            throw new DatabaseAccessException("read the history table " + history.name(), e);
        }
    }

    /**
     * Under the lock: the history as migrate's table holds it, recording first another tool's history when that
     * is where the rows come from, and creating the table when there is none.
     */
    private Comparison recordedHistory(Connection connection, List<Migration> migrations) {
        Comparison now = compare(connection, migrations);
        if (now.adoption().isEmpty()) {
            createHistory(connection);
            return now;
        }
        try {
            reader.adopt(connection, now.adoption().get());
        } catch (SQLException e) {
            throw new DatabaseAccessException("record the history adopted from " + now.adoption().get().tool(), e);
        }
        return compare(connection, migrations);
    }

    private void createHistory(Connection connection) {
        try {
            history.create(connection);
        } catch (SQLException e) {
            throw new DatabaseAccessException("create the history table " + history.name(), e);
        }
    }

    private MigrationLock.Lease acquireLock(Connection connection) throws SQLException {
        MigrationLock.Lease lease = advisoryLock(connection).acquire(lockTimeout);
        listener.lockAcquired(lease.waited());
        return lease;
    }

    private AdvisoryLock advisoryLock(Connection connection) throws SQLException {
        String database = connection.getCatalog();
        long key = AdvisoryLock.key(database, schema, table);
        return new AdvisoryLock(dataSource, key, "advisory lock " + key + " for " + history.name() + " in database "
                + database, listener);
    }

    private void requireKnown(Version target, List<Migration> migrations) {
        if (migrations.stream().noneMatch(m -> m.version().equals(target))) {
            String known = migrations.isEmpty() ? "there are no migrations"
                    : "versions " + migrations.get(0).version() + " to " + migrations.get(migrations.size() - 1).version();
            throw new VersionNotFoundException(target, source.description(), known);
        }
    }

    private MigrateResult finished(Optional<Version> initial, Optional<Version> version, List<Step> steps,
            List<AppliedMigration> rows, long startedNanos, Duration lockWait) {
        List<AppliedMigration> applied = new ArrayList<>();
        List<AppliedMigration> rolledBack = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            (steps.get(i).direction() == Direction.UP ? applied : rolledBack).add(rows.get(i));
        }
        MigrateResult result = new MigrateResult(initial, version, applied, rolledBack,
                Duration.ofNanos(System.nanoTime() - startedNanos), lockWait);
        String now = version.map(Version::toString).orElse("(none)");
        if (result.upToDate()) {
            log.info("database schema is up to date at version {}", now);
        } else if (rolledBack.isEmpty()) {
            log.info("database migrations applied successfully: {} applied, now at version {} ({})", applied.size(),
                    now, Durations.format(result.duration()));
        } else {
            log.info("database migrations rolled back successfully: {} rolled back, now at version {} ({})",
                    rolledBack.size(), now, Durations.format(result.duration()));
        }
        listener.runFinished(result);
        return result;
    }
}
