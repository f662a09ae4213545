package dev.migrate;

/**
 * The migration files disagree with the history table: a file changed or vanished after it was applied, or a
 * new migration sorts below one already applied. Detected before anything is changed.
 */
public abstract sealed class ValidationException extends MigrateException
        permits ChecksumMismatchException, MissingMigrationException, OutOfOrderMigrationException {

    private final Version version;

    protected ValidationException(Version version, String message) {
        super(message);
        this.version = version;
    }

    /** The version at fault. */
    public Version version() {
        return version;
    }
}
