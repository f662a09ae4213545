package dev.migrate.internal.run;

import dev.migrate.AppliedMigration;
import dev.migrate.Change;
import dev.migrate.Direction;
import dev.migrate.IrreversibleMigrationException;
import dev.migrate.LockLostException;
import dev.migrate.MigrationFailedException;
import dev.migrate.Migration;
import dev.migrate.Version;
import dev.migrate.internal.ProgressLog;
import dev.migrate.internal.liquibase.ChangelogClaims;
import dev.migrate.internal.liquibase.ChangelogSource;
import dev.migrate.internal.liquibase.ChangelogStates;
import dev.migrate.internal.liquibase.LiquibaseChangeSet;
import dev.migrate.internal.liquibase.LiquibaseRows;
import dev.migrate.internal.liquibase.LiquibaseTables;
import dev.migrate.internal.postgres.AdvisoryLock;
import dev.migrate.internal.postgres.Claimants;
import dev.migrate.internal.postgres.ScriptExecutor;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * A changelog's changesets rolled back, as Liquibase's {@code rollback-count} rolls them back: the most recently
 * run first, each with its {@code --rollback} SQL ({@code empty} runs nothing), its {@code databasechangelog} row
 * deleted in the same transaction, before its SQL, and only if it is still the row read, so that of two runs only
 * one rolls it back. A changeset without a transaction is claimed first, as going up. Every changeset to roll back
 * must have a rollback before anything runs; the locks are taken as for a run up ({@link ChangelogRun}).
 */
final class ChangelogRollback {

    private static final Logger log = ProgressLog.LOG;

    private final Steps shared;
    private final Settings settings;
    private final ChangelogSource source;

    ChangelogRollback(Steps shared, ChangelogSource source) {
        this.shared = shared;
        this.settings = shared.settings();
        this.source = source;
    }

    /** The changesets {@code change} (down a count, or all) rolls back, newest first; refused without a rollback. */
    static List<ChangelogStates.Entry> due(ChangelogStates states, Change change) {
        List<ChangelogStates.Entry> ran = states.ranNewestFirst();
        List<ChangelogStates.Entry> due = change.limit() == Change.ALL || ran.size() <= change.limit() ? ran
                : ran.subList(0, change.limit());
        List<ChangelogStates.Entry> without = due.stream().filter(e -> e.changeSet().rollback().isEmpty()).toList();
        if (!without.isEmpty()) {
            throw new IrreversibleMigrationException(without.stream().map(e -> e.migration().label()).toList(),
                    without.stream().map(e -> e.migration().version()).toList(), "give each a rollback ('--rollback "
                            + "<SQL>' under a formatted SQL changeset, <rollback> in XML, rollback: in YAML or JSON; an "
                            + "empty one when there is nothing to undo)");
        }
        return due;
    }

    /** Rolls back {@code due} under the locks; returns the rows deleted, in order. */
    List<AppliedMigration> run(Connection connection, LiquibaseTables tables, List<ChangelogStates.Entry> due,
            AdvisoryLock.Lease lease) throws SQLException {
        Session session = shared.changelogSession(connection);
        List<AppliedMigration> rows = new ArrayList<>();
        String claimant = null;
        for (ChangelogStates.Entry entry : due) {
            Optional<String> lost = lease.lost();
            if (lost.isPresent()) {
                throw new LockLostException(lease.description(), lost.get(), entry.migration(), rows);
            }
            Migration migration = entry.migration();
            LiquibaseChangeSet changeSet = entry.changeSet();
            session.listener().migrationStarted(migration, Direction.DOWN);
            long started = System.nanoTime();
            String sql = changeSet.rollback().orElseThrow();
            try {
                if (changeSet.runInTransaction()) {
                    Transaction.run(connection, () -> {
                        if (!LiquibaseRows.remove(connection, tables, entry.ran().orElseThrow())) {
                            throw new OneStep.Taken();
                        }
                        ScriptExecutor.runWhole(connection, sql);
                        return null;
                    }, ScriptExecutor::failure);
                } else {
                    claimant = claimant != null ? claimant : Claimants.of(connection);
                    String by = claimant;
                    if (!ChangelogClaims.claim(connection, tables, changeSet, entry.ran(), by)) {
                        throw new OneStep.Taken();
                    }
                    ScriptExecutor.runEach(connection, sql);
                    Transaction.run(connection, () -> ChangelogClaims.settle(connection, tables, changeSet, by)
                            && LiquibaseRows.remove(connection, tables, entry.ran().orElseThrow()));
                }
            } catch (OneStep.Taken taken) {
                throw new LockLostException(lease.description(), "another run rolled back changeset "
                        + changeSet.key() + " at the same time, so the lock did not keep the runs apart", migration,
                        rows);
            } catch (ScriptExecutor.ScriptFailure failure) {
                MigrationFailedException failed = changeSet.runInTransaction()
                        ? new MigrationFailedException(migration, Direction.DOWN, failure.error(), Optional.empty(),
                                failure.getCause())
                        : MigrationFailedException.changeSet(migration, "rollback of line " + changeSet.line() + " of "
                                + source.file().displayName(), failure.error(), Optional.of(ChangelogClaims
                                .deleteStatement(tables, new ChangelogClaims.Claim(changeSet.path(), changeSet.id(),
                                        changeSet.author(), claimant, null))), failure.getCause());
                session.listener().migrationFailed(migration, failed);
                throw failed;
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            log.info("rolled back changeset {} in {} ms", changeSet.key(), took.toMillis());
            session.listener().migrationRolledBack(migration, took);
            rows.add(new AppliedMigration(migration.version(), migration.description(), changeSet.checksum(), false,
                    Instant.now(), took.toMillis(), session.user()));
        }
        return rows;
    }

    /** The place of the changeset run last that is still recorded after {@code rolledBack}, as reports show it. */
    static Optional<Version> after(ChangelogStates states, List<AppliedMigration> rolledBack) {
        List<Version> gone = rolledBack.stream().map(AppliedMigration::version).toList();
        return states.entries().stream().filter(e -> e.ran().isPresent())
                .map(e -> e.migration().version()).filter(v -> !gone.contains(v)).reduce((a, b) -> b);
    }
}
