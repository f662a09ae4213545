package dev.migrate;

/** A migration's file changed after the migration was applied. */
public final class ChecksumMismatchException extends ValidationException {

    private final String script;
    private final String appliedChecksum;
    private final String currentChecksum;

    public ChecksumMismatchException(Migration migration, String appliedChecksum) {
        super(migration.version(), "Migration " + migration.label() + " was applied, but its file "
                + migration.up().name() + " has changed since (checksum " + appliedChecksum + " -> "
                + migration.up().checksum() + "). Restore the file as it was when applied (for example with "
                + "git checkout), and put the change in a new migration.");
        this.script = migration.up().name();
        this.appliedChecksum = appliedChecksum;
        this.currentChecksum = migration.up().checksum();
    }

    public String script() {
        return script;
    }

    /** The checksum recorded when the migration was applied. */
    public String appliedChecksum() {
        return appliedChecksum;
    }

    /** The checksum of the file as it is now. */
    public String currentChecksum() {
        return currentChecksum;
    }
}
