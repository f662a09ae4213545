package dev.migrate;

import java.util.Optional;

/**
 * A migration script failed on the server. A transactional script was rolled back whole; one marked
 * {@code -- migrate:no-transaction} left its version dirty.
 */
public final class MigrationFailedException extends MigrateException {

    private final Version version;
    private final Direction direction;
    private final String script;
    private final transient SqlError error;
    private final boolean transactional;

    /** @param previous the version below this one, for the recovery steps of a dirty failure */
    public MigrationFailedException(Migration migration, Direction direction, SqlError error,
            Optional<Version> previous, Throwable cause) {
        this(migration, direction, scriptOf(migration, direction), error, previous, cause);
    }

    private MigrationFailedException(Migration migration, Direction direction, Script script, SqlError error,
            Optional<Version> previous, Throwable cause) {
        super(message(migration, direction, script, error, previous), cause);
        this.version = migration.version();
        this.direction = direction;
        this.script = script.name();
        this.error = error;
        this.transactional = script.transactional();
    }

    private static Script scriptOf(Migration migration, Direction direction) {
        return direction == Direction.UP ? migration.up() : migration.down().orElseThrow();
    }

    private static String message(Migration migration, Direction direction, Script script, SqlError error,
            Optional<Version> previous) {
        String what = (direction == Direction.UP ? "Migration " : "Rollback of migration ") + migration.label();
        String where = error.line() > 0 ? " at line " + error.line() + " of " : " in ";
        String outcome;
        if (!script.transactional()) {
            outcome = "It does not run in a transaction (-- migrate:no-transaction): the statements before the "
                    + "failing one were committed, and version " + migration.version() + " is now marked dirty. "
                    + DirtyRecovery.steps(migration.version(), previous);
        } else if (direction == Direction.UP) {
            outcome = "It ran in a transaction that was rolled back, so the database is as it was before migration "
                    + migration.version() + ". Fix the script and run the migrations again.";
        } else {
            outcome = "It ran in a transaction that was rolled back, so migration " + migration.version()
                    + " is still applied. Fix the down script and roll back again.";
        }
        return what + " failed" + where + script.name() + ": " + error + "\n" + outcome;
    }

    public Version version() {
        return version;
    }

    /** Whether the up or the down script failed. */
    public Direction direction() {
        return direction;
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
