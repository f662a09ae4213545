package dev.migrate;

/** A migration's file changed after the migration was applied. */
public final class ChecksumMismatchException extends ValidationException {

    private final String script;
    private final String appliedChecksum;
    private final String currentChecksum;

    public ChecksumMismatchException(Migration migration, String appliedChecksum) {
        this(migration, appliedChecksum, migration.up().checksum(), "Migration " + migration.label()
                + " was applied, but its file " + migration.up().name() + " has changed since (checksum "
                + appliedChecksum + " -> " + migration.up().checksum() + "). Restore the file as it was when applied "
                + "(for example with git checkout), and put the change in a new migration.");
    }

    private ChecksumMismatchException(Migration migration, String applied, String current, String message) {
        super(migration.version(), message);
        this.script = migration.up().name();
        this.appliedChecksum = applied;
        this.currentChecksum = current;
    }

    /** The file changed after another tool applied it, as that tool's own checksum shows; nothing was adopted. */
    public static ChecksumMismatchException changedSince(String tool, String algorithm, Migration migration,
            String applied, String current) {
        return new ChecksumMismatchException(migration, applied, current, "Migration " + migration.label()
                + " was applied by " + tool + ", but its file " + migration.up().name() + " has changed since ("
                + algorithm + " " + applied + " -> " + current + "). Restore the file as it was when applied (for "
                + "example with git checkout) and put the change in a new migration; nothing was adopted or run.");
    }

    /**
     * A changeset of a Liquibase changelog changed after it ran, as Liquibase's own checksum shows; nothing was run.
     *
     * @param accept how the changeset's own file accepts a deliberate change: "add '--validCheckSum: 9:...' under its
     *     --changeset line"
     */
    public static ChecksumMismatchException changeSetChanged(Migration changeSet, String file, int line,
            String applied, String current, String accept) {
        return new ChecksumMismatchException(changeSet, applied, current, "Changeset " + changeSet.description()
                + " (line " + line + " of " + file + ") has changed since it ran (Liquibase checksum " + applied
                + " -> " + current + "). Restore it as it was when it ran (for example with git checkout) and put the "
                + "change in a new changeset; or, if the change is deliberate and already in the database, " + accept
                + ", as Liquibase reads it. Nothing was run.");
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
