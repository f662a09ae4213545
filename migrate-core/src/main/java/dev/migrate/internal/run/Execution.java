package dev.migrate.internal.run;

import dev.migrate.AppliedMigration;
import dev.migrate.DatabaseAccessException;
import dev.migrate.Migration;
import dev.migrate.MigrationFailedException;
import dev.migrate.MigrationListener;
import dev.migrate.Script;
import dev.migrate.SqlError;
import dev.migrate.Version;
import dev.migrate.internal.postgres.ScriptExecutor;
import dev.migrate.spi.HistoryStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one migration on the run's connection. A transactional script and its history row commit together
 * or not at all. A {@code no-transaction} script is recorded dirty first, run statement by statement, and
 * recorded clean last, so a failure part-way leaves the version dirty.
 */
public final class Execution {

    private static final Logger log = LoggerFactory.getLogger(Execution.class);

    private final Connection connection;
    private final HistoryStore history;
    private final MigrationListener listener;
    private final String user;

    public Execution(Connection connection, HistoryStore history, MigrationListener listener) throws SQLException {
        this.connection = connection;
        this.history = history;
        this.listener = listener;
        this.user = connection.getMetaData().getUserName();
    }

    /** @param previous the version below this one, for the recovery steps of a dirty failure */
    public AppliedMigration apply(Migration migration, Optional<Version> previous) {
        listener.migrationStarted(migration);
        try {
            AppliedMigration applied = migration.up().transactional()
                    ? inTransaction(migration)
                    : statementByStatement(migration);
            log.info("applied migration {} in {} ms", migration.label(), applied.executionMs());
            listener.migrationApplied(migration, applied);
            return applied;
        } catch (ScriptExecutor.ScriptFailure failure) {
            throw failed(migration, failure.error(), previous, failure.getCause());
        } catch (SQLException e) {
            throw new DatabaseAccessException("record migration " + migration.label() + " in " + history.name(), e);
        }
    }

    private AppliedMigration inTransaction(Migration migration) throws ScriptExecutor.ScriptFailure, SQLException {
        Script script = migration.up();
        connection.setAutoCommit(false);
        try {
            long started = System.nanoTime();
            ScriptExecutor.runWhole(connection, script.sql());
            if (ScriptExecutor.leftTransaction(connection)) {
                log.warn("migration {} ends its own transaction (it contains COMMIT or ROLLBACK), so it was not "
                        + "atomic with its history row; remove those statements from {}", migration.label(),
                        script.name());
            }
            AppliedMigration applied = row(migration, false, started);
            history.save(connection, applied);
            commit();
            return applied;
        } catch (ScriptExecutor.ScriptFailure | SQLException | RuntimeException e) {
            rollbackQuietly();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private void commit() throws ScriptExecutor.ScriptFailure {
        try {
            connection.commit();
        } catch (SQLException e) {
            // Deferred constraints and serialization failures surface here: the script's fault, not ours.
            throw ScriptExecutor.failure(e);
        }
    }

    private AppliedMigration statementByStatement(Migration migration)
            throws ScriptExecutor.ScriptFailure, SQLException {
        connection.setAutoCommit(true);
        long started = System.nanoTime();
        history.save(connection, row(migration, true, started));
        ScriptExecutor.runEach(connection, migration.up().sql());
        AppliedMigration applied = row(migration, false, started);
        history.save(connection, applied);
        return applied;
    }

    private AppliedMigration row(Migration migration, boolean dirty, long startedNanos) {
        long ms = (System.nanoTime() - startedNanos) / 1_000_000;
        return new AppliedMigration(migration.version(), migration.description(), migration.up().checksum(), dirty,
                Instant.now(), ms, user);
    }

    private MigrationFailedException failed(Migration migration, SqlError error, Optional<Version> previous,
            Throwable cause) {
        MigrationFailedException failure = new MigrationFailedException(migration, migration.up(), error, previous, cause);
        log.error(failure.getMessage());
        listener.migrationFailed(migration, failure);
        return failure;
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            log.warn("rollback failed; the connection is closed without commit, which also discards the work", e);
        }
    }
}
