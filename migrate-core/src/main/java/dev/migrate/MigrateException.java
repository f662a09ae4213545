package dev.migrate;

/**
 * The root of everything the engine throws. The list of subtypes is closed, each carries the data a caller
 * needs to react, and each message says what happened and what to do next.
 */
public abstract sealed class MigrateException extends RuntimeException
        permits InvalidMigrationException, ValidationException, DirtyDatabaseException, LockTimeoutException,
                MigrationFailedException, HistoryTableException, VersionNotFoundException, DatabaseAccessException,
                IrreversibleMigrationException, LockLostException, LintFailedException {

    protected MigrateException(String message) {
        super(message);
    }

    protected MigrateException(String message, Throwable cause) {
        super(message, cause);
    }
}
