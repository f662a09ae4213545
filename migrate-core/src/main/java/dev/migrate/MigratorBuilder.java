package dev.migrate;

import dev.migrate.internal.postgres.Identifiers;
import dev.migrate.internal.run.Steps;
import dev.migrate.internal.run.Settings;
import dev.migrate.internal.liquibase.ChangelogFilter;
import dev.migrate.internal.liquibase.ChangelogSource;
import dev.migrate.internal.source.Layout;
import dev.migrate.internal.source.Location;
import dev.migrate.spi.MigrationSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import dev.migrate.internal.source.Placeholders;
import dev.migrate.internal.run.DatabaseWait;
import dev.migrate.internal.run.LockGuard;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/** Configures a {@link Migrator}; every setting has a default that suits a single-schema service. */
public final class MigratorBuilder {

    private final DataSource dataSource;
    private List<String> locations = List.of(Migrator.DEFAULT_LOCATION);
    private MigrationSource source;
    private String table = Migrator.DEFAULT_TABLE;
    private String schema;
    private Duration lockTimeout = Migrator.DEFAULT_LOCK_TIMEOUT;
    private boolean outOfOrder = Migrator.DEFAULT_OUT_OF_ORDER;
    private boolean validateOnMigrate = Migrator.DEFAULT_VALIDATE_ON_MIGRATE;
    private boolean allowDatabaseAhead = Migrator.DEFAULT_ALLOW_DATABASE_AHEAD;
    private final List<MigrationListener> listeners = new ArrayList<>();
    private final List<Callback> callbacks = new ArrayList<>();
    private final List<JavaMigration> javaMigrations = new ArrayList<>();
    private Optional<Version> baselineOnMigrate = Optional.empty();
    private List<String> initSql = List.of();
    /** The lock guard's settings, each checked by the value as it is set. */
    private LockGuard guard = LockGuard.of(Migrator.DEFAULT_STATEMENT_LOCK_TIMEOUT, Migrator.DEFAULT_LOCK_RETRIES,
            Duration.ZERO);
    private Duration replyTimeout = Migrator.DEFAULT_REPLY_TIMEOUT;
    private DatabaseWait wait = DatabaseWait.of(Migrator.DEFAULT_CONNECT_RETRIES,
            Migrator.DEFAULT_CONNECT_RETRIES_INTERVAL, Duration.ZERO);
    private boolean cleanEnabled = Migrator.DEFAULT_CLEAN_ENABLED;
    private ClassLoader classLoader;
    private Optional<Layout> layout = Optional.empty();
    private Map<String, String> placeholders = Map.of();
    private ChangelogFilter changelogFilter = ChangelogFilter.NONE;
    private boolean placeholderReplacement = true;
    private String placeholderPrefix = "${";
    private String placeholderSuffix = "}";
    private MigrationListing listing;
    private String searchPath;

    MigratorBuilder(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Where the migration files are: {@code classpath:db/migrations}, {@code filesystem:db/migrations}
     * (also {@code file://db/migrations} or a plain path). Default {@code classpath:db/migrations}. One location that
     * is a Liquibase master changelog, or a folder holding {@code db.changelog-master.*}, is run as that changelog.
     */
    public MigratorBuilder locations(String... locations) {
        return locations(Arrays.asList(locations));
    }

    public MigratorBuilder locations(List<String> locations) {
        if (locations.isEmpty()) {
            throw new IllegalArgumentException("at least one migration location is needed");
        }
        locations.forEach(Location::parse);
        this.locations = List.copyOf(locations);
        return this;
    }

    /**
     * Reads migrations from {@code source} instead of the locations: migrations kept somewhere migrate cannot
     * list by itself. It must list them in ascending version order; a run refuses one that does not.
     */
    public MigratorBuilder source(MigrationSource source) {
        this.source = Objects.requireNonNull(source, "source");
        return this;
    }

    /** The history table's name. Default {@code schema_migrations}. */
    public MigratorBuilder table(String table) {
        if (table == null || table.isBlank()) {
            throw new IllegalArgumentException("the history table name must not be empty");
        }
        this.table = Identifiers.fitting("history table", table);
        return this;
    }

    /**
     * The schema of the history table, created if missing. Default: none, so the table is looked up on the
     * connection's {@code search_path} and created in its first schema, as golang-migrate does.
     */
    public MigratorBuilder schema(String schema) {
        this.schema = schema == null || schema.isBlank() ? null : Identifiers.fitting("schema", schema);
        return this;
    }

    /** How long to wait for another run to release the migration lock. Default 5 minutes. */
    public MigratorBuilder lockTimeout(Duration lockTimeout) {
        if (lockTimeout == null || lockTimeout.isNegative()) {
            throw new IllegalArgumentException("the lock timeout must be zero or more, was " + lockTimeout);
        }
        this.lockTimeout = lockTimeout;
        return this;
    }

    /** Whether a pending migration may run when a higher version is already applied. Default false. */
    public MigratorBuilder outOfOrder(boolean outOfOrder) {
        this.outOfOrder = outOfOrder;
        return this;
    }

    /** Whether {@code migrate()} first checks applied files for changes and removal. Default true. */
    public MigratorBuilder validateOnMigrate(boolean validateOnMigrate) {
        this.validateOnMigrate = validateOnMigrate;
        return this;
    }

    /**
     * Whether a run starts when applied versions lie above every file here (a newer release migrated, as in a rolling
     * deploy): logged and reported as {@code ahead} if allowed, else missing files. Default true.
     */
    public MigratorBuilder allowDatabaseAhead(boolean allowDatabaseAhead) {
        this.allowDatabaseAhead = allowDatabaseAhead;
        return this;
    }

    /** Adds a listener; listeners hear events in the order they were added. */
    public MigratorBuilder listener(MigrationListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * Adds a Java callback, run at the events it supports after the folder's SQL callbacks of the same event, in
     * the order added (as Flyway runs its {@code Callback}s).
     */
    public MigratorBuilder callback(Callback callback) {
        callbacks.add(Objects.requireNonNull(callback, "callback"));
        return this;
    }

    /**
     * Adds a Java migration, applied in version order among the folder's migrations: for one that needs
     * dependencies (in Spring, {@code JavaMigration} beans come here). Those with a no-argument constructor are
     * also found in a {@code classpath:} location's package.
     */
    public MigratorBuilder javaMigration(JavaMigration migration) {
        javaMigrations.add(Objects.requireNonNull(migration, "migration"));
        return this;
    }

    /**
     * Baselines at {@code version} when a run up finds objects in the schema but no history (migrate's or another
     * tool's): the migrations up to it are recorded as applied without running, and those above run, as Flyway's
     * {@code baselineOnMigrate} does. {@code null} (the default) never baselines.
     */
    public MigratorBuilder baselineOnMigrate(Version version) {
        this.baselineOnMigrate = Optional.ofNullable(version);
        return this;
    }

    /**
     * Statements run on each connection of a run before anything else ({@code SET ROLE migrator},
     * {@code SET lock_timeout = '5s'}), as Flyway's {@code initSql}; the session's settings are reset
     * ({@code RESET ALL}) before the connection is given back. Default: none.
     */
    public MigratorBuilder initSql(List<String> statements) {
        this.initSql = List.copyOf(statements);
        return this;
    }

    /**
     * The lock guard: how long each statement of a migration waits for a lock ({@code lock_timeout}) before its
     * migration gives way (rolled back, or that statement alone without a transaction) and is tried again after a
     * pause, so that the application's queries never queue behind a migration that waits for a long
     * transaction. Default 3 seconds; zero turns the guard off.
     */
    public MigratorBuilder statementLockTimeout(Duration timeout) {
        this.guard = LockGuard.of(timeout, guard.retries(), guard.statementTimeout());
        return this;
    }

    /** How many more times the lock guard tries a migration that did not get its lock. Default 10. */
    public MigratorBuilder lockRetries(int retries) {
        this.guard = LockGuard.of(guard.lockTimeout(), retries, guard.statementTimeout());
        return this;
    }

    /** A {@code statement_timeout} for every statement of a run. Default none (zero). */
    public MigratorBuilder statementTimeout(Duration timeout) {
        this.guard = LockGuard.of(guard.lockTimeout(), guard.retries(), timeout);
        return this;
    }

    /**
     * How many more times to try connecting while the database is unreachable or starting, pausing from one second
     * doubling up to {@link #connectRetriesInterval}; bad credentials are not retried. Default 0, as in Flyway.
     */
    public MigratorBuilder connectRetries(int retries) {
        this.wait = DatabaseWait.of(retries, wait.maxInterval(), wait.timeout());
        return this;
    }

    /** The longest pause between two connection attempts. Default 120 seconds, as in Flyway. */
    public MigratorBuilder connectRetriesInterval(Duration interval) {
        this.wait = DatabaseWait.of(wait.retries(), interval, wait.timeout());
        return this;
    }

    /** How long connection attempts may go on in all (dbmate's {@code --wait-timeout}). Default none (zero). */
    public MigratorBuilder connectRetriesTimeout(Duration timeout) {
        this.wait = DatabaseWait.of(wait.retries(), wait.maxInterval(), timeout);
        return this;
    }

    /**
     * Whether {@link Migrator#clean()} may drop every object in the schema: a development reset, never for a
     * database whose data matters. Default false, as Flyway's {@code cleanDisabled} defaults to true.
     */
    public MigratorBuilder cleanEnabled(boolean cleanEnabled) {
        this.cleanEnabled = cleanEnabled;
        return this;
    }

    /**
     * The layout of the migration folders: {@code golang-migrate}, {@code sqlx}, {@code atlas}, {@code diesel},
     * {@code goose}, {@code sql-migrate}, {@code dbmate} or {@code flyway}. Default: detected per folder.
     */
    public MigratorBuilder layout(String layout) {
        this.layout = layout == null || layout.isBlank() ? Optional.empty() : Optional.of(Layout.of(layout));
        return this;
    }

    /**
     * A Liquibase changelog's contexts, as its {@code --contexts} ({@code "prod, eu"}, each may be an expression);
     * changesets not matching are neither run nor checked. Default: none, which runs all, as in Liquibase.
     */
    public MigratorBuilder contexts(String contexts) {
        this.changelogFilter = new ChangelogFilter(contexts, changelogFilter.labels());
        return this;
    }

    /** A Liquibase changelog's label expression, as its {@code --label-filter}. Default: none, which runs all. */
    public MigratorBuilder labels(String labels) {
        this.changelogFilter = new ChangelogFilter(changelogFilter.contexts(), labels);
        return this;
    }

    /**
     * Values for the {@code ${name}} placeholders in a Flyway folder's scripts (names in any case, as in Flyway).
     * A placeholder a script to run uses without a value here, or among Flyway's {@code ${flyway:...}} ones, is
     * an error before anything runs. Default: none.
     */
    public MigratorBuilder placeholders(Map<String, String> placeholders) {
        this.placeholders = Map.copyOf(placeholders);
        return this;
    }

    /**
     * Whether a Flyway folder's placeholders are replaced; a script's {@code .sql.conf} may say otherwise with
     * {@code placeholderReplacement}. Default true, as in Flyway.
     */
    public MigratorBuilder placeholderReplacement(boolean placeholderReplacement) {
        this.placeholderReplacement = placeholderReplacement;
        return this;
    }

    /** What a placeholder starts and ends with. Default {@code ${} and {@code }}, as in Flyway. */
    public MigratorBuilder placeholderDelimiters(String prefix, String suffix) {
        if (prefix == null || prefix.isEmpty() || suffix == null || suffix.isEmpty()) {
            throw new IllegalArgumentException("placeholder prefix and suffix must not be empty");
        }
        this.placeholderPrefix = prefix;
        this.placeholderSuffix = suffix;
        return this;
    }

    /**
     * How long a statement of the engine's own (the history, a COMMIT, the lock's session) waits for its reply before
     * the connection is taken for lost; a migration's script waits as long as it runs. Default 10 minutes.
     */
    public MigratorBuilder replyTimeout(Duration replyTimeout) {
        if (replyTimeout == null || replyTimeout.isNegative() || replyTimeout.isZero()) {
            throw new IllegalArgumentException("the reply timeout must be more than zero, was " + replyTimeout);
        }
        this.replyTimeout = replyTimeout;
        return this;
    }

    /**
     * Runs the migrations with {@code schema} first on the connection's {@code search_path}, what was there staying
     * after it, so that their unqualified names land in it (as Flyway's {@code defaultSchema} does): a fleet's
     * schema targets. The history table's place is still {@link #schema}'s. Default: the search_path as it is.
     */
    public MigratorBuilder searchPath(String schema) {
        this.searchPath = schema == null || schema.isBlank() ? null : Identifiers.fitting("schema", schema);
        return this;
    }

    /** The class loader for {@code classpath:} locations. Default: the thread's context class loader. */
    public MigratorBuilder classLoader(ClassLoader classLoader) {
        this.classLoader = classLoader;
        return this;
    }

    /**
     * Runs the migrations of {@code listing}, listed once for many databases or schemas, instead of listing the
     * locations or a source again: what sets the files' meaning (locations, layout, placeholders, Java migrations)
     * is the listing's.
     */
    public MigratorBuilder listing(MigrationListing listing) {
        this.listing = Objects.requireNonNull(listing, "listing");
        return this;
    }

    public Migrator build() {
        if (listing != null) {
            listing.shared().requireNoOther(source, javaMigrations);
        }
        Placeholders values = listing != null ? listing.shared().placeholders() : new Placeholders(placeholders,
                placeholderReplacement, placeholderPrefix, placeholderSuffix, table);
        MigrationSource migrations = listing != null ? listing.shared().source() : sourceOrFolders(values);
        return new Migrator(new Steps(new Settings(dataSource, migrations, schema, table,
                table.equals(Migrator.DEFAULT_TABLE), lockTimeout, outOfOrder, validateOnMigrate, allowDatabaseAhead,
                listeners, values, callbacks, baselineOnMigrate, initSql, guard, wait, cleanEnabled, replyTimeout,
                searchPath)));
    }

    private MigrationSource sourceOrFolders(Placeholders values) {
        if (source != null) {
            if (!javaMigrations.isEmpty()) {
                throw new IllegalStateException("Java migrations are listed by a source of your own: give them to it, "
                        + "not to javaMigration()");
            }
            return source;
        }
        return ChangelogSource.orFolders(locations, classLoader, layout, values, javaMigrations, changelogFilter);
    }
}
