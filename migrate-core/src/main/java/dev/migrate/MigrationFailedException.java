package dev.migrate;

import java.util.Optional;

/**
 * A migration script failed on the server. A transactional migration was rolled back whole; one marked
 * {@code -- migrate:no-transaction} left its version dirty.
 */
public final class MigrationFailedException extends MigrateException {

    private final Version version;
    private final String script;
    private final transient SqlError error;
    private final boolean transactional;

    public MigrationFailedException(Migration migration, Script script, SqlError error, Optional<Version> previous,
            Throwable cause) {
        super(message(migration, script, error, previous), cause);
        this.version = migration.version();
        this.script = script.name();
        this.error = error;
        this.transactional = script.transactional();
    }

    private static String message(Migration migration, Script script, SqlError error, Optional<Version> previous) {
        String where = error.line() > 0 ? " at line " + error.line() + " of " : " in ";
        String outcome = script.transactional()
                ? "It ran in a transaction that was rolled back, so the database is as it was before migration "
                  + migration.version() + ". Fix the script and run the migrations again."
                : "It does not run in a transaction (-- migrate:no-transaction): the statements before the failing "
                  + "one were committed, and version " + migration.version() + " is now marked dirty. "
                  + DirtyRecovery.steps(migration.version(), previous);
        return "Migration " + migration.label() + " failed" + where + script.name() + ": " + error + "\n" + outcome;
    }

    public Version version() {
        return version;
    }

    /** The script that failed, as users name it. */
    public String script() {
        return script;
    }

    /** The server's error, with the line of the script it points at. */
    public SqlError error() {
        return error;
    }

    /** Whether the failed script ran in a transaction (and so left nothing behind). */
    public boolean transactional() {
        return transactional;
    }
}
