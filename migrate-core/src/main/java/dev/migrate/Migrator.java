package dev.migrate;

import dev.migrate.internal.postgres.AdvisoryLock;
import dev.migrate.internal.postgres.PostgresHistory;
import dev.migrate.internal.run.Comparison;
import dev.migrate.internal.run.Execution;
import dev.migrate.internal.run.Listeners;
import dev.migrate.spi.HistoryStore;
import dev.migrate.spi.MigrationLock;
import dev.migrate.spi.MigrationSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's front door: applies, checks and reports PostgreSQL migrations.
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

    private static final Logger log = LoggerFactory.getLogger(Migrator.class);

    private final DataSource dataSource;
    private final MigrationSource source;
    private final HistoryStore history;
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
        this.lockTimeout = builder.lockTimeout;
        this.outOfOrder = builder.outOfOrder;
        this.validateOnMigrate = builder.validateOnMigrate;
        this.listener = new Listeners(builder.listeners);
    }

    public static MigratorBuilder builder(DataSource dataSource) {
        return new MigratorBuilder(dataSource);
    }

    /** Applies every pending migration. See {@link #migrate(Version)}. */
    public MigrateResult migrate() {
        return run(Optional.empty());
    }

    /**
     * Applies the pending migrations up to and including {@code target}:
     * <ol>
     * <li>list the migration files;</li>
     * <li>read the history once, without the lock; if nothing is pending and nothing is wrong, stop here, so an
     *     instance with nothing to do never waits behind another's long migration;</li>
     * <li>take the advisory lock, polling until the lock timeout;</li>
     * <li>create the history table if missing, and read it again: another instance may have just migrated;</li>
     * <li>refuse if the database is dirty, then validate: changed or missing applied files, out-of-order
     *     versions;</li>
     * <li>for each pending migration, run its script and record it in one transaction (a
     *     {@code no-transaction} script: record dirty, run each statement, record clean);</li>
     * <li>release the lock, also on failure; a failure to release never hides the original error.</li>
     * </ol>
     * Migrations applied before a failure stay applied.
     *
     * @throws VersionNotFoundException if no migration has version {@code target}
     */
    public MigrateResult migrate(Version target) {
        return run(Optional.of(target));
    }

    private MigrateResult run(Optional<Version> target) {
        long started = System.nanoTime();
        try {
            List<Migration> migrations = source.load();
            target.ifPresent(version -> requireKnown(version, migrations));
            try (Connection connection = connect()) {
                Comparison before = compare(connection, migrations);
                if (before.pending(target).isEmpty() && problems(before).isEmpty()) {
                    return finished(before.current(), before.current(), List.of(), started, Duration.ZERO);
                }
                try (MigrationLock.Lease lease = lock(connection).acquire(lockTimeout)) {
                    listener.lockAcquired(lease.waited());
                    createHistory(connection);
                    Comparison now = compare(connection, migrations);
                    List<MigrateException> problems = problems(now);
                    if (!problems.isEmpty()) {
                        throw problems.get(0);
                    }
                    List<AppliedMigration> applied = new ArrayList<>();
                    Execution execution = new Execution(connection, history, listener);
                    Optional<Version> previous = now.current();
                    for (Migration migration : now.pending(target)) {
                        applied.add(execution.apply(migration, previous));
                        previous = Optional.of(migration.version());
                    }
                    // Out of order, the last one applied is not the highest.
                    Optional<Version> after = Stream.of(now.current(), previous).flatMap(Optional::stream)
                            .max(Comparator.naturalOrder());
                    return finished(now.current(), after, applied, started, lease.waited());
                }
            } catch (SQLException e) {
                throw new DatabaseAccessException("run the migrations", e);
            }
        } catch (MigrateException e) {
            listener.runFailed(e, Duration.ofNanos(System.nanoTime() - started));
            throw e;
        }
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

    private List<MigrateException> problems(Comparison comparison) {
        return comparison.problems(outOfOrder, validateOnMigrate);
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
            List<AppliedMigration> rows = history.applied(connection).orElse(List.of());
            return Comparison.of(migrations, rows, source.description());
        } catch (SQLException e) {
            throw new DatabaseAccessException("read the history table " + history.name(), e);
        }
    }

    private void createHistory(Connection connection) {
        try {
            history.create(connection);
        } catch (SQLException e) {
            throw new DatabaseAccessException("create the history table " + history.name(), e);
        }
    }

    private MigrationLock lock(Connection connection) throws SQLException {
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

    private MigrateResult finished(Optional<Version> initial, Optional<Version> version, List<AppliedMigration> applied,
            long startedNanos, Duration lockWait) {
        MigrateResult result = new MigrateResult(initial, version, applied,
                Duration.ofNanos(System.nanoTime() - startedNanos), lockWait);
        if (applied.isEmpty()) {
            log.info("database schema is up to date at version {}", version.map(Version::toString).orElse("(none)"));
        } else {
            log.info("database migrations applied successfully: {} applied, now at version {} ({})", applied.size(),
                    version.orElseThrow(), Durations.format(result.duration()));
        }
        listener.runFinished(result);
        return result;
    }
}
