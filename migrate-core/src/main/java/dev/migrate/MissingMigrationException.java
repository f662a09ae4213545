package dev.migrate;

/** A version recorded as applied has no file in any location. */
public final class MissingMigrationException extends ValidationException {

    public MissingMigrationException(AppliedMigration applied, String locations) {
        super(applied.version(), "Migration " + applied.label() + " was applied (" + applied.appliedAt()
                + "), but no file for version " + applied.version() + " is in " + locations + ". Restore the "
                + "file (for example with git checkout), or point the locations at the folder that has it.");
    }

    private MissingMigrationException(Version version, String message) {
        super(version, message);
    }

    /** Applied versions above every file here, refused because a database ahead of the application is. */
    public static MissingMigrationException ahead(AppliedMigration applied, Version newestFile, String locations) {
        return new MissingMigrationException(applied.version(), "Migration " + applied.label() + " was applied ("
                + applied.appliedAt() + ") but has no file in " + locations + ", whose newest migration is version "
                + newestFile + ": the database is ahead of this application, as when a newer release has "
                + "migrated it. Deploy the newer release, or allow a database ahead (the default) to start anyway.");
    }
}
