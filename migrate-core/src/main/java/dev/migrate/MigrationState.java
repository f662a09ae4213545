package dev.migrate;

/** Where a migration stands, comparing its file with the history table. */
public enum MigrationState {
    /** Applied, and its file is unchanged. */
    APPLIED,
    /** Has a file, not applied yet. */
    PENDING,
    /** Applied, but its file is gone. */
    MISSING,
    /** Applied, but its file has changed since. */
    MODIFIED,
    /** Started without a transaction and failed part-way; see {@link DirtyDatabaseException}. */
    DIRTY,
    /** Runs without a transaction right now, under the migration lock: dirty until it finishes. */
    IN_PROGRESS,
    /**
     * Applied, with a version above every file here: a newer release of the application applied it, as during a
     * rolling deploy. Not a problem unless a database ahead is refused.
     */
    AHEAD,
    /** A repeatable migration whose file changed since it last ran: the next run applies it again. */
    OUTDATED;

    /** The lower-case name that the CLI's JSON and the actuator endpoint use. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
