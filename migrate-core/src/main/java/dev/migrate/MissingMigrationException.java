package dev.migrate;

/** A version recorded as applied has no file in any location. */
public final class MissingMigrationException extends ValidationException {

    public MissingMigrationException(AppliedMigration applied, String locations) {
        super(applied.version(), "Migration " + applied.label() + " was applied (" + applied.appliedAt()
                + "), but no file for version " + applied.version() + " is in " + locations + ". Restore the "
                + "file (for example with git checkout), or point the locations at the folder that has it.");
    }
}
