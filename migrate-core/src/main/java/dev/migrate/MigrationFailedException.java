package dev.migrate;

import dev.migrate.internal.source.Layout;
import java.util.Optional;

/**
 * A migration script failed on the server. A transactional script was rolled back whole (or, when the session
 * ended during its commit, committed whole with its history row); one that runs without a transaction left its
 * version dirty.
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

    private MigrationFailedException(String message, Script script, SqlError error, Throwable cause) {
        this(message, script, error, cause, null, Direction.UP);
    }

    private MigrationFailedException(String message, Script script, SqlError error, Throwable cause, Version version,
            Direction direction) {
        super(message, cause);
        this.version = version;
        this.direction = direction;
        this.script = script.name();
        this.error = error;
        this.transactional = script.transactional();
    }

    /**
     * A migration whose statement the server cancelled for a timeout set outside the script ({@code timeout}: which
     * setting, its value, where it is set, and the way out, as sentences), not for anything the script got wrong.
     */
    public static MigrationFailedException serverTimeout(Migration migration, Direction direction, SqlError error,
            Optional<Version> previous, Throwable cause, String timeout) {
        Script script = scriptOf(migration, direction);
        String what = (direction == Direction.UP ? "Migration " : "Rollback of migration ") + migration.label();
        String outcome = script.transactional()
                ? "It ran in a transaction that was rolled back, so the database is as it was before it. " + timeout
                : "It does not run in a transaction: the statements before that one were committed, and version "
                        + migration.version() + " is marked dirty. " + timeout + " "
                        + DirtyRecovery.steps(migration.version(), previous);
        return new MigrationFailedException(what + " failed" + where(error) + script.name() + ": " + error + "\n"
                + outcome, script, error, cause, migration.version(), direction);
    }

    /** A migration whose statement did not get a lock within the lock guard's timeout, every time it tried. */
    public static MigrationFailedException lockNotGranted(Migration migration, Direction direction, SqlError error,
            Optional<Version> previous, Throwable cause, int attempts, java.time.Duration lockTimeout,
            String blockers) {
        Script script = scriptOf(migration, direction);
        String what = (direction == Direction.UP ? "Migration " : "Rollback of migration ") + migration.label();
        String where = where(error);
        String outcome = "A statement did not get its lock within the lock timeout (" + lockTimeout.toMillis()
                + " ms), " + attempts + " time" + (attempts == 1 ? "" : "s") + ", blocked by " + blockers + ". "
                + (script.transactional() ? "Its transaction was rolled back each time, so nothing of it was applied, "
                        + "and the application's queries never queued behind it for longer than the lock timeout. "
                        : "It does not run in a transaction: the statements before that one were committed, and "
                                + "version " + migration.version() + " is marked dirty. "
                                + DirtyRecovery.steps(migration.version(), previous) + " ")
                + "Let that session finish or end it (SELECT pg_terminate_backend(pid)), then run the migrations "
                + "again; or allow more tries or a longer lock timeout (statement-lock-timeout, lock-retries).";
        return new MigrationFailedException(what + " failed" + where + script.name() + ": " + error + "\n" + outcome,
                script, error, cause, migration.version(), direction);
    }

    /**
     * The run was interrupted (its process was asked to stop) while {@code migration} ran, its statement cancelled
     * on the server; or, with no {@code error}, before it started.
     */
    public static MigrationFailedException interrupted(Migration migration, Direction direction, SqlError error,
            Optional<Version> previous, Throwable cause) {
        Script script = scriptOf(migration, direction);
        String what = (direction == Direction.UP ? "Migration " : "Rollback of migration ") + migration.label();
        String stopped = " (the process was asked to stop)";
        String message;
        if (error == null) {
            message = what + " was not run: the run was interrupted before it" + stopped + ". What this run did "
                    + "before it stays done. Run the migrations again to carry on.";
        } else if (script.transactional()) {
            message = what + " was interrupted" + where(error) + script.name() + stopped + ": its statement was "
                    + "cancelled and its transaction rolled back, so nothing of it " + (direction == Direction.UP
                            ? "was applied" : "was undone") + "; what this run did before it stays done. Run the "
                    + "migrations again to carry on.";
        } else {
            message = what + " was interrupted" + where(error) + script.name() + stopped + ": its statement was "
                    + "cancelled. It does not run in a transaction: the statements before that one were committed, "
                    + "and version " + migration.version() + " is marked dirty. "
                    + DirtyRecovery.steps(migration.version(), previous);
        }
        return new MigrationFailedException(message, script, error, cause, migration.version(), direction);
    }

    /**
     * A migration was not run, for a reason found only when its turn came ({@code reason}: its file changed while
     * the run was under way), after this run had applied {@code applied}; its {@link #error()} is {@code null}.
     */
    public static MigrationFailedException notRun(Migration migration, Direction direction,
            InvalidMigrationException reason, java.util.List<AppliedMigration> applied) {
        Script script = scriptOf(migration, direction);
        AppliedMigration last = applied.get(applied.size() - 1);
        return new MigrationFailedException((direction == Direction.UP ? "Migration " : "Rollback of migration ")
                + migration.label() + " was not run. " + reason.getMessage() + " This run " + (direction == Direction.UP
                        ? "applied " + applied.size() + " migration" + (applied.size() == 1 ? "" : "s")
                                + " before it (up to version " + last.version() + "); they stay applied."
                        : "rolled back " + applied.size() + " migration" + (applied.size() == 1 ? "" : "s")
                                + " before it (the last one version " + last.version() + "); they stay rolled back."),
                script, null, reason, migration.version(), direction);
    }

    /**
     * A changeset of a Liquibase changelog failed ({@code at}: where it is, as "line 4 of db/changelog.sql");
     * {@code claim}, for one run without a transaction, is the statement that lets it run again once checked.
     */
    public static MigrationFailedException changeSet(Migration changeSet, String at, SqlError error,
            Optional<String> claim, Throwable cause) {
        Script script = changeSet.up();
        String outcome;
        if (claim.isEmpty()) {
            outcome = "It ran in a transaction that was rolled back with its databasechangelog row, so the database "
                    + "is as it was before it" + (mustRunOutsideTransaction(error.sqlState()) ? ". That statement "
                            + "cannot run inside a transaction: add runInTransaction:false to its --changeset line, "
                            + "then run again." : ". Fix the changeset and run again.");
        } else {
            outcome = "It does not run in a transaction (runInTransaction:false): the statements before the failing "
                    + "one were committed" + (connectionLost(error.sqlState()) ? ", whether that one took effect is "
                            + "unknown," : "") + " and the changeset stays claimed, so that nothing runs it again "
                    + "unseen. Check which of its statements took effect and undo them, then run it again once its "
                    + "claim is gone: " + claim.get() + ";";
        }
        return new MigrationFailedException("Changeset " + changeSet.description() + " (" + at + ") failed"
                + (error.line() > 0 ? " at line " + error.line() + " of its SQL" : "") + ": " + error + "\n"
                + outcome, script, error, cause, changeSet.version(), Direction.UP);
    }

    /**
     * A changeset's precondition failed (or could not be checked, {@code error}) and its onFail (onError) is HALT:
     * the run stops before it, as Liquibase's does.
     */
    public static MigrationFailedException preconditionHalted(Migration changeSet, String at, String reason,
            boolean error) {
        return new MigrationFailedException("Changeset " + changeSet.description() + " (" + at + ") was not run: its "
                + "precondition " + (error ? "could not be checked" : "failed") + " (" + reason + ") and its "
                + (error ? "onError" : "onFail") + " is HALT, so the run stops here, as Liquibase's does. What ran "
                + "before it stays applied. Make the precondition hold, or give " + (error ? "onError" : "onFail")
                + " CONTINUE, MARK_RAN or WARN.", changeSet.up(), null, null, changeSet.version(), Direction.UP);
    }

    /** A repeatable migration failed; its {@link #version()} is {@code null}. */
    public static MigrationFailedException repeatable(Repeatable repeatable, SqlError error, Throwable cause) {
        Script script = repeatable.script();
        String where = where(error);
        String outcome = script.transactional()
                ? "It ran in a transaction that was rolled back, so the database is as it was before it, and the "
                        + "versioned migrations of this run stay applied. Fix the script and run the migrations again."
                : "It does not run in a transaction: the statements before the failing one were committed. Fix the "
                        + "script and run the migrations again; a repeatable migration runs whole again until it succeeds.";
        return new MigrationFailedException("Repeatable migration '" + repeatable.description() + "' failed" + where
                + script.name() + ": " + error + "\n" + outcome, script, error, cause);
    }

    /** A SQL callback failed; its {@link #version()} is {@code null}. */
    public static MigrationFailedException callback(String event, Script script, SqlError error, Throwable cause) {
        String where = where(error);
        return new MigrationFailedException("The " + event + " callback failed" + where + script.name() + ": " + error
                + "\n" + (script.transactional() ? "It ran in a transaction that was rolled back (with the migration, "
                        + "for a callback of each migration). Fix the callback and run the migrations again."
                        : "It does not run in a transaction: the statements before the failing one were committed. Fix "
                                + "the callback and run the migrations again."), script, error, cause);
    }

    /** The server ended the session, or the network went: SQLSTATE class 08, or an administrator's or timeout's end. */
    static boolean connectionLost(String sqlState) {
        return dev.migrate.internal.SqlStates.sessionEnded(sqlState);
    }

    /** 25001: CREATE INDEX CONCURRENTLY, VACUUM and the like refuse a transaction block. */
    private static boolean mustRunOutsideTransaction(String sqlState) {
        return "25001".equals(sqlState);
    }

    private static Script scriptOf(Migration migration, Direction direction) {
        return direction == Direction.UP ? migration.up() : migration.down().orElseThrow();
    }

    private static String message(Migration migration, Direction direction, Script script, SqlError error,
            Optional<Version> previous) {
        String what = (direction == Direction.UP ? "Migration " : "Rollback of migration ") + migration.label();
        String where = where(error);
        String marker = Layout.noTransactionMarker(migration.layout());
        String outcome;
        if (!script.transactional() && connectionLost(error.sqlState())) {
            outcome = "The session ended while it ran (the network went, or the server ended it). It does not run in "
                    + "a transaction: the statements before that one were committed, whether that one took effect is "
                    + "unknown, and version " + migration.version() + " is marked dirty. When the server is reachable "
                    + "again: " + DirtyRecovery.steps(migration.version(), previous);
        } else if (!script.transactional()) {
            outcome = "It does not run in a transaction: the statements before the failing one were committed, and "
                    + "version " + migration.version() + " is now marked dirty. "
                    + DirtyRecovery.steps(migration.version(), previous);
        } else if (connectionLost(error.sqlState())) {
            // A session that ends during COMMIT may or may not have committed; the history row went the same way.
            outcome = "The session ended while it ran, so its transaction committed together with its history row "
                    + "or not at all: nothing is half-applied. Once the server is reachable, run the migrations again; "
                    + "'migrate status' shows which it was, and nothing runs twice.";
        } else if (direction == Direction.UP) {
            outcome = "It ran in a transaction that was rolled back, so the database is as it was before migration "
                    + migration.version() + ". " + (mustRunOutsideTransaction(error.sqlState())
                            ? "That statement cannot run inside a transaction: to run the file without one, " + marker
                                    + ", then run the migrations again."
                            : "Fix the script and run the migrations again.");
        } else {
            outcome = "It ran in a transaction that was rolled back, so migration " + migration.version()
                    + " is still applied. " + (mustRunOutsideTransaction(error.sqlState())
                            ? "That statement cannot run inside a transaction: to run the down script without one, "
                                    + marker + ", then roll back again."
                            : "Fix the down script and roll back again.");
        }
        return what + " failed" + where + script.name() + ": " + error + "\n" + outcome;
    }

    /** " at line 3 of " before a script's name, or " in " when the server named no line. */
    private static String where(SqlError error) {
        return error.line() > 0 ? " at line " + error.line() + " of " : " in ";
    }

    /** The failed migration's version; {@code null} for a repeatable migration. */
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

    /**
     * The server's error, with the line of the script it points at; {@code null} for a migration that was
     * {@linkplain #notRun not run}.
     */
    public SqlError error() {
        return error;
    }

    /** Whether the failed script ran in a transaction (and so left nothing behind). */
    public boolean transactional() {
        return transactional;
    }
}
