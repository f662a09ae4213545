package dev.migrate.internal.run;

import dev.migrate.AppliedMigration;
import dev.migrate.Direction;
import dev.migrate.MigrationFailedException;
import dev.migrate.Migration;
import dev.migrate.internal.ProgressLog;
import dev.migrate.internal.liquibase.ChangelogClaims;
import dev.migrate.internal.liquibase.ChangelogFile;
import dev.migrate.internal.liquibase.ChangelogPreconditions;
import dev.migrate.internal.liquibase.ChangelogStates;
import dev.migrate.internal.liquibase.LiquibaseChangeSet;
import dev.migrate.internal.liquibase.LiquibaseRows;
import dev.migrate.internal.liquibase.LiquibaseTables;
import dev.migrate.internal.postgres.Claimants;
import dev.migrate.internal.postgres.ScriptExecutor;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;

/**
 * One changeset of a changelog run ({@link ChangelogRun}): its preconditions first, then its SQL with its
 * {@code databasechangelog} row. In a transaction (Liquibase's default), the row is written first and commits with
 * the SQL or not at all, so a changeset another run recorded first is {@link OneStep.Taken}, its SQL never started.
 * Without one ({@code runInTransaction:false}), it is claimed first ({@link ChangelogClaims}), each statement runs
 * on its own, and the row and the end of the claim commit together. A failure with {@code failOnError:false} is
 * passed over, unrecorded, as Liquibase passes over it; a statement that did not get its lock is tried again as
 * the lock guard allows, a transactional changeset whole.
 */
final class ChangeSetRun {

    private static final Logger log = ProgressLog.LOG;

    private final Connection connection;
    private final LiquibaseTables tables;
    private final ChangelogFile file;
    private final Session session;
    private final String deploymentId;
    private int order;
    private String claimant;
    /** The keys of the changesets that have run, for changeSetExecuted preconditions; this run's are added. */
    private final Set<String> ran;

    ChangeSetRun(Session session, LiquibaseTables tables, ChangelogFile file, int firstOrder, Set<String> ran) {
        this.ran = new HashSet<>(ran);
        this.session = session;
        this.connection = session.connection();
        this.tables = tables;
        this.file = file;
        this.deploymentId = LiquibaseRows.deploymentId();
        this.order = firstOrder;
    }

    /**
     * Runs the changeset, or records it as ran where its precondition says so.
     *
     * @return its row, or empty when it was passed over (a precondition's CONTINUE, a failure with failOnError false)
     * @throws OneStep.Taken when another run recorded it first
     */
    Optional<AppliedMigration> run(ChangelogStates.Entry entry) throws SQLException {
        Migration migration = entry.migration();
        LiquibaseChangeSet changeSet = entry.changeSet();
        session.listener().migrationStarted(migration, Direction.UP);
        long started = System.nanoTime();
        String at = "line " + changeSet.line() + " of " + file.displayName();
        String execType = entry.ran().isPresent() ? "RERAN" : "EXECUTED";
        if (changeSet.preconditions().isPresent()) {
            ChangelogPreconditions.Verdict verdict = ChangelogPreconditions.check(connection, tables.schema(),
                    changeSet.preconditions().get(), ran);
            String reason = verdict.reason().orElse("");
            switch (verdict.outcome()) {
                case HALT -> throw fail(migration, MigrationFailedException.preconditionHalted(migration, at, reason,
                        verdict.error()));
                case SKIP -> {
                    log.info("passed over changeset {}: its precondition did not hold ({}); it is tried again on the "
                            + "next run", changeSet.key(), reason);
                    return Optional.empty();
                }
                case MARK_RAN -> {
                    Transaction.run(connection, () -> record(entry, entry.ran().isPresent() ? "RERAN" : "MARK_RAN"));
                    recorded(changeSet);
                    log.info("marked changeset {} as ran without running it: its precondition did not hold ({})",
                            changeSet.key(), reason);
                    return Optional.of(applied(migration, changeSet, started));
                }
                case RUN -> {
                    if (verdict.reason().isPresent()) {
                        log.warn("changeset {}: its precondition did not hold ({}); running it all the same, as its "
                                + "WARN says", changeSet.key(), reason);
                    }
                }
            }
        }
        for (int attempt = 1; ; attempt++) {
            try {
                if (changeSet.runInTransaction()) {
                    Transaction.run(connection, () -> {
                        record(entry, execType);
                        for (String sql : changeSet.statements(connection)) {
                            ScriptExecutor.runWhole(connection, sql);
                        }
                        return null;
                    }, ScriptExecutor::failure);
                } else {
                    withoutTransaction(entry, execType);
                }
                recorded(changeSet);
                AppliedMigration applied = applied(migration, changeSet, started);
                log.info("ran changeset {} in {} ms", changeSet.key(), applied.executionMs());
                session.listener().migrationApplied(migration, applied);
                return Optional.of(applied);
            } catch (ScriptExecutor.ScriptFailure failure) {
                String sqlState = failure.error().sqlState();
                if (session.interruption().requested()) {
                    throw fail(migration, MigrationFailedException.interrupted(migration, Direction.UP,
                            failure.error(), Optional.empty(), failure.getCause()));
                }
                if (changeSet.runInTransaction() && session.guard().retries(sqlState, attempt)) {
                    session.guard().pause("changeset " + changeSet.key(), attempt, List.of());
                    continue;
                }
                if (!changeSet.failOnError()) {
                    if (!changeSet.runInTransaction()) {
                        // Passed over as Liquibase passes it over: tried again, whole, on the next run.
                        Transaction.run(connection, () -> ChangelogClaims.settle(connection, tables, changeSet,
                                claimant));
                    }
                    log.warn("changeset {} failed ({}), and its failOnError is false: passed over, unrecorded, as "
                            + "Liquibase passes it over", changeSet.key(), failure.error());
                    return Optional.empty();
                }
                Optional<String> claim = changeSet.runInTransaction() ? Optional.empty()
                        : Optional.of(ChangelogClaims.deleteStatement(tables, new ChangelogClaims.Claim(
                                changeSet.path(), changeSet.id(), changeSet.author(), claimant, null)));
                throw fail(migration, MigrationFailedException.changeSet(migration, at, failure.error(), claim,
                        failure.getCause()));
            }
        }
    }

    /** Claims the changeset, runs its statements one by one, then records it and drops the claim together. */
    private void withoutTransaction(ChangelogStates.Entry entry, String execType)
            throws SQLException, ScriptExecutor.ScriptFailure {
        LiquibaseChangeSet changeSet = entry.changeSet();
        if (claimant == null) {
            claimant = Claimants.of(connection);
        }
        if (!ChangelogClaims.claim(connection, tables, changeSet, entry.ran(), claimant)) {
            throw new OneStep.Taken();
        }
        for (String sql : changeSet.statements(connection)) {
            ScriptExecutor.runEach(connection, sql);
        }
        Transaction.run(connection, () -> {
            if (!ChangelogClaims.settle(connection, tables, changeSet, claimant)) {
                throw new SQLException("the claim of changeset " + changeSet.key() + " vanished while it ran");
            }
            record(entry, execType);
            return null;
        });
    }

    /** Writes the changeset's row as {@code execType}; {@link OneStep.Taken} if another run got there first. */
    private Void record(ChangelogStates.Entry entry, String execType) throws SQLException {
        boolean written = entry.ran().isPresent()
                ? LiquibaseRows.rerun(connection, tables, entry.changeSet(), entry.ran().get(), execType, order,
                        deploymentId)
                : LiquibaseRows.insert(connection, tables, entry.changeSet(), execType, order, deploymentId);
        if (!written) {
            throw new OneStep.Taken();
        }
        return null;
    }

    /** Once its row has committed: the next row's order, and the changeset among those that ran. */
    private void recorded(LiquibaseChangeSet changeSet) {
        ran.add(changeSet.key());
        order++;
    }

    private AppliedMigration applied(Migration migration, LiquibaseChangeSet changeSet, long started) {
        return new AppliedMigration(migration.version(), migration.description(), changeSet.checksum(), false,
                Instant.now(), (System.nanoTime() - started) / 1_000_000, session.user());
    }

    private MigrationFailedException fail(Migration migration, MigrationFailedException failure) {
        session.listener().migrationFailed(migration, failure);
        return failure;
    }
}
