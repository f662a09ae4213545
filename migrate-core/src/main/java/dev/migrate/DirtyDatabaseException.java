package dev.migrate;

import java.util.Optional;

/**
 * A migration that does not run in a transaction failed part-way earlier, so the schema may be half-changed.
 * Nothing runs until an operator has looked and recorded the true version with {@code force}.
 */
public final class DirtyDatabaseException extends MigrateException {

    private final Version version;

    public DirtyDatabaseException(AppliedMigration dirty, Optional<Version> previous) {
        super("The database is dirty at version " + dirty.label() + ": that migration does not run in a "
                + "transaction and failed part-way (" + dirty.appliedAt() + "), so some of its statements may have "
                + "been committed. " + DirtyRecovery.steps(dirty.version(), previous));
        this.version = dirty.version();
    }

    /** The dirty version. */
    public Version version() {
        return version;
    }
}
