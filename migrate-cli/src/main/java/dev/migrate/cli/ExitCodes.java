package dev.migrate.cli;

import dev.migrate.DatabaseAccessException;
import dev.migrate.DirtyDatabaseException;
import dev.migrate.HistoryTableException;
import dev.migrate.InvalidMigrationException;
import dev.migrate.IrreversibleMigrationException;
import dev.migrate.LockLostException;
import dev.migrate.LockTimeoutException;
import dev.migrate.MigrationFailedException;
import dev.migrate.ValidationException;
import dev.migrate.VersionNotFoundException;

/** The CLI's exit codes, part of its contract with Jobs, init containers and compose services. */
final class ExitCodes {

    static final int SUCCESS = 0;
    static final int MIGRATION_FAILED = 1;
    static final int USAGE = 2;
    static final int DIRTY = 3;
    static final int LOCK_TIMEOUT = 4;
    static final int VALIDATION_FAILED = 5;
    static final int CANNOT_CONNECT = 6;
    static final int LOCK_LOST = 7;
    static final int LINT_FAILED = 8;
    /** {@code fleet status}: a target lacks migrations, or a worker is migrating it now. */
    static final int FLEET_NOT_CURRENT = 9;

    private ExitCodes() {
    }

    static int of(Throwable failure) {
        if (failure instanceof MigrationFailedException failed) {
            // A no-transaction migration that failed part-way left its version dirty: the code for a dirty database.
            boolean leftDirty = failed.version() != null && !failed.transactional() && failed.error() != null;
            return leftDirty ? DIRTY : MIGRATION_FAILED;
        }
        if (failure instanceof DirtyDatabaseException dirty) {
            // A dirty version another session is applying right now is another run at work, not a failure.
            return dirty.inProgress() ? LOCK_TIMEOUT : DIRTY;
        }
        if (failure instanceof LockTimeoutException) {
            return LOCK_TIMEOUT;
        }
        if (failure instanceof LockLostException) {
            return LOCK_LOST;
        }
        if (failure instanceof dev.migrate.LintFailedException) {
            return LINT_FAILED;
        }
        if (failure instanceof ValidationException || failure instanceof IrreversibleMigrationException
                || failure instanceof InvalidMigrationException || failure instanceof HistoryTableException) {
            return VALIDATION_FAILED;
        }
        if (failure instanceof UsageException || failure instanceof VersionNotFoundException) {
            return USAGE;
        }
        if (failure instanceof DatabaseAccessException access) {
            return access.connectionFailure() ? CANNOT_CONNECT : MIGRATION_FAILED;
        }
        return MIGRATION_FAILED;
    }
}
