package dev.migrate.internal.run;

import dev.migrate.AppliedMigration;
import dev.migrate.Migration;
import dev.migrate.Version;
import dev.migrate.internal.postgres.HistoryTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Changes to the history that run no script: {@code force} and {@code baseline}. Each runs in one transaction,
 * under the lock the caller holds.
 */
public final class HistoryEdits {

    private final Connection connection;
    private final HistoryTable history;

    public HistoryEdits(Connection connection, HistoryTable history) {
        this.connection = connection;
        this.history = history;
    }

    /**
     * Records {@code target} as the newest applied version, clean: every row above it is deleted, and its own
     * row is cleared of the dirty flag (or written, with the file's checksum). Rows below are left as they are.
     * With no target, every row is deleted.
     */
    public void force(MigrationStates now, Optional<Migration> target) throws SQLException {
        Transaction.run(connection, () -> {
            for (AppliedMigration row : now.rows()) {
                if (target.isEmpty() || row.version().compareTo(target.get().version()) > 0) {
                    history.rows().remove(connection, row.version());
                }
            }
            if (target.isPresent()) {
                Migration migration = target.get();
                Instant appliedAt = now.row(migration.version()).map(AppliedMigration::appliedAt).orElse(Instant.now());
                long executionMs = now.row(migration.version()).map(AppliedMigration::executionMs).orElse(0L);
                history.rows().save(connection, new AppliedMigration(migration.version(), migration.description(),
                        migration.up().checksum(), false, appliedAt, executionMs, user()));
            }
            return null;
        });
    }

    /** Records each migration up to {@code version} that has no row as applied, without running it. */
    public List<Version> baseline(MigrationStates now, Version version) throws SQLException {
        List<Migration> unrecorded = now.unrecordedUpTo(version);
        Transaction.run(connection, () -> {
            Instant at = Instant.now();
            for (Migration migration : unrecorded) {
                history.rows().save(connection, new AppliedMigration(migration.version(), migration.description(),
                        migration.up().checksum(), false, at, 0, user()));
            }
            return null;
        });
        return unrecorded.stream().map(Migration::version).toList();
    }

    private String user() throws SQLException {
        return connection.getMetaData().getUserName();
    }
}
