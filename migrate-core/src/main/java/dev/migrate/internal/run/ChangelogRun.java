package dev.migrate.internal.run;

import dev.migrate.AppliedMigration;
import dev.migrate.Change;
import dev.migrate.DirtyDatabaseException;
import dev.migrate.InvalidMigrationException;
import dev.migrate.LockHolder;
import dev.migrate.LockLostException;
import dev.migrate.MigrateException;
import dev.migrate.MigrateResult;
import dev.migrate.Version;
import dev.migrate.Migrator;
import dev.migrate.internal.Durations;
import dev.migrate.internal.ProgressLog;
import dev.migrate.internal.liquibase.ChangelogClaims;
import dev.migrate.internal.liquibase.ChangelogSource;
import dev.migrate.internal.liquibase.ChangelogStates;
import dev.migrate.internal.liquibase.LiquibaseChangeSet;
import dev.migrate.internal.liquibase.LiquibaseHistory;
import dev.migrate.internal.liquibase.LiquibaseLock;
import dev.migrate.internal.liquibase.LiquibaseRows;
import dev.migrate.internal.liquibase.LiquibaseTables;
import dev.migrate.internal.postgres.AdvisoryLock;
import dev.migrate.internal.postgres.Claimants;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.MDC;

/**
 * The run of a Liquibase changelog, going up: what {@code Migrator} does for a changelog, in the order it happens.
 * Liquibase's {@code databasechangelog} is the history, kept as Liquibase keeps it, so that Liquibase and migrate can
 * take turns on one database. {@link #run} is the whole of it:
 * <ol>
 * <li>read the changelog, refusing what Liquibase refuses;</li>
 * <li>connect, and read {@code databasechangelog} and migrate's claims without any lock; refuse now if a changeset
 *     that ran has changed (both checksums named), appears twice, ran from a path the changelog is not read from
 *     now, or was left unfinished without a transaction, so that a refusal has changed nothing; with nothing to
 *     run, stop here;</li>
 * <li>take migrate's advisory lock for the schema's {@code databasechangelog}, then Liquibase's own lock (creating
 *     Liquibase's tables where there are none), waiting for a Liquibase that holds it, never breaking it;</li>
 * <li>read and check again as in step 2: another run may have just run them;</li>
 * <li>give rows without a checksum, or with one of version 8 that still matches, the current one, as Liquibase
 *     does, and put the schema first on the search_path, as Liquibase puts its default schema;</li>
 * <li>run each changeset to run, in changelog order, checking first that the advisory lock is still held
 *     ({@link ChangeSetRun}: its preconditions, then its SQL with its row);</li>
 * <li>give back Liquibase's lock, then migrate's, also on failure.</li>
 * </ol>
 */
public final class ChangelogRun {

    private static final Logger log = ProgressLog.LOG;
    static final String TABLE = "databasechangelog";

    private final Steps shared;
    private final Settings settings;
    private final ChangelogSource source;

    public ChangelogRun(Steps shared, ChangelogSource source) {
        this.shared = shared;
        this.settings = shared.settings();
        this.source = source;
    }

    /**
     * Runs {@code change}: up (all, a count of changesets, or up to a changeset's place), the steps above; or down
     * a count of changesets or all ({@link ChangelogRollback}), through the same steps.
     */
    public MigrateResult run(Change change) {
        long started = System.nanoTime();
        shared.listener().runStarted(change);
        try {
            if (change.kind() == Change.Kind.GOTO) {
                throw InvalidMigrationException.changelog(source.description(), "has no versions to go to: its "
                        + "changesets go up with 'up' and back with 'down N', as Liquibase's update and "
                        + "rollback-count. Nothing was changed.");
            }
            boolean down = change.kind() == Change.Kind.DOWN;
            List<LiquibaseChangeSet> changeSets = source.changeSets();
            return finished(shared.connected("run the changelog", connection -> {
                LiquibaseTables tables = Steps.sql("find Liquibase's schema", () -> LiquibaseTables.in(connection,
                        settings.schema()));
                ChangelogStates before = read(connection, tables, changeSets, down);
                if (due(before, change).isEmpty()) {
                    return result(before, List.of(), down, started, Optional.empty());
                }
                try (AdvisoryLock.Lease lease = shared.lock(connection, settings.lockTimeout(), TABLE);
                     LiquibaseLock held = Steps.sql("take Liquibase's lock", () -> LiquibaseLock.take(connection,
                             settings.dataSource(), tables, settings.lockTimeout().minus(lease.waited())))) {
                    ChangelogStates now = read(connection, tables, changeSets, down);
                    if (!down) {
                        Steps.sql("upgrade the checksums in databasechangelog", () -> upgradeChecksums(connection,
                                tables, now));
                    }
                    Steps.sql("set the lock timeout", () -> {
                        settings.lockGuard().apply(connection);
                        return null;
                    });
                    // Liquibase puts its default schema first on the search_path for the changes; so does migrate.
                    String first = settings.searchPath() != null ? settings.searchPath() : settings.schema();
                    String path = first == null ? null : Steps.sql("put the schema first on the search_path",
                            () -> SearchPath.putFirst(connection, first));
                    try {
                        List<AppliedMigration> rows = down ? new ChangelogRollback(shared, source).run(connection,
                                tables, due(now, change), lease)
                                : runAll(connection, tables, due(now, change), now.ranKeys(), lease);
                        return result(now, rows, down, started, Optional.of(lease.waited()));
                    } finally {
                        if (path != null) {
                            SearchPath.restore(connection, path);
                        }
                        settings.lockGuard().reset(connection);
                    }
                }
            }));
        } catch (MigrateException e) {
            shared.listener().runFailed(e, Duration.ofNanos(System.nanoTime() - started));
            throw e;
        }
    }

    /**
     * Step 2 (and 4): the changesets against the history, refusing what must not run; going down, only a changeset
     * left unfinished is refused, as a dirty version is.
     */
    private ChangelogStates read(Connection connection, LiquibaseTables tables, List<LiquibaseChangeSet> changeSets,
            boolean down) {
        ChangelogStates states = states(connection, tables, source, changeSets);
        List<MigrateException> problems = problems(connection, tables, source, states);
        if (down) {
            problems = problems.stream().filter(DirtyDatabaseException.class::isInstance).toList();
        }
        if (problems.size() == 1) {
            throw problems.get(0); // as it is: a changed changeset is a ChecksumMismatchException
        }
        Steps.throwAll(problems);
        return states;
    }

    /** The changesets against {@code databasechangelog} and migrate's claims, as they are now. */
    static ChangelogStates states(Connection connection, LiquibaseTables tables, ChangelogSource source,
            List<LiquibaseChangeSet> changeSets) {
        return Steps.sql("read " + tables.changelog(), () -> {
            boolean present = LiquibaseHistory.present(connection, tables.schema());
            if (!present) {
                Optional<String> renamed = LiquibaseHistory.underAnotherName(connection, tables.schema());
                if (renamed.isPresent()) {
                    throw InvalidMigrationException.changelog(source.description(), "has no databasechangelog in "
                            + "schema " + tables.schema() + " to go by, but " + renamed.get() + " there has the columns "
                            + "of Liquibase's history: a history kept under another name (spring.liquibase."
                            + "database-change-log-table), which migrate does not read. Rename it and its lock table "
                            + "to databasechangelog and databasechangeloglock, or give the schema that holds them. "
                            + "Nothing was run.");
                }
            }
            return ChangelogStates.of(changeSets, source.filter(), present
                    ? LiquibaseHistory.read(connection, tables.schema()) : List.of(),
                    ChangelogClaims.read(connection, tables));
        });
    }

    /**
     * Every reason not to run: the changesets' own problems, and each changeset left unfinished without a
     * transaction (still running in a session whose run is gone, or stopped part-way).
     */
    static List<MigrateException> problems(Connection connection, LiquibaseTables tables, ChangelogSource source,
            ChangelogStates states) {
        List<MigrateException> problems = new ArrayList<>(states.problems(source.file()));
        for (ChangelogStates.Entry entry : states.unfinished()) {
            ChangelogClaims.Claim claim = entry.claim().orElseThrow();
            String at = "line " + entry.changeSet().line() + " of " + source.file().displayName();
            Optional<LockHolder> alive = Steps.sql("look for the session running changeset "
                    + entry.changeSet().key(), () -> Claimants.alive(connection, claim.claimant()));
            problems.add(alive.map(session -> DirtyDatabaseException.stillRunning(new AppliedMigration(
                    entry.migration().version(), entry.migration().description(), null, true,
                    claim.claimedAt().toInstant(), 0, null), session))
                    .orElseGet(() -> DirtyDatabaseException.changeSetUnfinished(entry.migration(), at,
                            claim.claimedAt(), ChangelogClaims.deleteStatement(tables, claim))));
        }
        return problems;
    }

    /**
     * The changesets {@code change} runs: all to run, the first so many, or those up to a place in the changelog;
     * going down, those it rolls back.
     */
    static List<ChangelogStates.Entry> due(ChangelogStates states, Change change) {
        if (change.kind() == Change.Kind.DOWN) {
            return ChangelogRollback.due(states, change);
        }
        List<ChangelogStates.Entry> due = states.toRun();
        if (change.version().isPresent()) {
            Version last = change.version().get();
            due = due.stream().filter(e -> e.migration().version().compareTo(last) <= 0).toList();
        }
        return change.limit() == Change.ALL || due.size() <= change.limit() ? due : due.subList(0, change.limit());
    }

    private static Void upgradeChecksums(Connection connection, LiquibaseTables tables, ChangelogStates states)
            throws SQLException {
        for (ChangelogStates.Entry entry : states.checksumsToUpgrade()) {
            LiquibaseRows.replaceChecksum(connection, tables, entry.changeSet(), entry.ran().orElseThrow());
        }
        return null;
    }

    /** Step 6. A changeset another run recorded first stops the run: the lock did not keep the runs apart. */
    private List<AppliedMigration> runAll(Connection connection, LiquibaseTables tables,
            List<ChangelogStates.Entry> due, java.util.Set<String> ran, AdvisoryLock.Lease lease) throws SQLException {
        Session session = shared.changelogSession(connection);
        ChangeSetRun changeSets = new ChangeSetRun(session, tables, source.file(), LiquibaseRows.nextOrder(connection,
                tables), ran);
        List<AppliedMigration> rows = new ArrayList<>();
        for (ChangelogStates.Entry entry : due) {
            Optional<String> lost = lease.lost();
            if (lost.isPresent()) {
                throw new LockLostException(lease.description(), lost.get(), entry.migration(), rows);
            }
            try {
                changeSets.run(entry).ifPresent(rows::add);
            } catch (OneStep.Taken taken) {
                throw new LockLostException(lease.description(), "another run ran changeset " + entry.changeSet().key()
                        + " at the same time, so the lock did not keep the runs apart", entry.migration(), rows);
            }
        }
        if (due.stream().anyMatch(entry -> !entry.changeSet().runInTransaction())) {
            // Their claims are settled: the claims' table goes again. A failure left its claim, and the table.
            ChangelogClaims.dropIfEmpty(connection, tables);
        }
        return rows;
    }

    private MigrateResult result(ChangelogStates before, List<AppliedMigration> rows, boolean down, long started,
            Optional<Duration> lockWait) {
        Optional<Version> after = rows.isEmpty() ? last(before) : down ? ChangelogRollback.after(before, rows)
                : last(before, rows);
        MigrateResult result = new MigrateResult(last(before), after, down ? List.of() : rows, down ? rows : List.of(),
                Duration.ofNanos(System.nanoTime() - started), lockWait, List.of());
        if (!rows.isEmpty()) {
            log.info("changelog {} {} successfully: {} changeset{} {} ({})", source.description(), down ? "rolled back"
                    : "applied", rows.size(), rows.size() == 1 ? "" : "s", down ? "rolled back" : "ran",
                    Durations.format(result.duration()));
        } else if (MDC.get(Migrator.LOG_TARGET) != null) {
            log.debug("changelog {} is up to date: nothing to run", source.description());
        } else {
            log.info("changelog {} is up to date: nothing to {}", source.description(), down ? "roll back" : "run");
        }
        return result;
    }

    /** The place of the last changeset in the changelog that has run, as the version reports show. */
    private static Optional<Version> last(ChangelogStates states) {
        return states.entries().stream().filter(e -> e.ran().isPresent()).map(e -> e.migration().version())
                .reduce((a, b) -> b);
    }

    /** The furthest place of a changeset that has run, once {@code rows} have too. */
    private static Optional<Version> last(ChangelogStates states, List<AppliedMigration> rows) {
        Optional<Version> before = last(states);
        Version ran = rows.stream().map(AppliedMigration::version).max(Version::compareTo).orElseThrow();
        return before.filter(v -> v.compareTo(ran) > 0).or(() -> Optional.of(ran));
    }

    private MigrateResult finished(MigrateResult result) {
        shared.listener().runFinished(result);
        return result;
    }
}
