package dev.migrate;

import java.util.Optional;

/**
 * A migration that does not run in a transaction failed part-way earlier, so the schema may be half-changed.
 * Nothing runs until an operator has looked and recorded the true version with {@code force}.
 */
public final class DirtyDatabaseException extends MigrateException {

    private final Version version;

    private final boolean inProgress;

    public DirtyDatabaseException(AppliedMigration dirty, Optional<Version> previous) {
        super("The database is dirty at version " + dirty.label() + ": that migration does not run in a "
                + "transaction and failed part-way (" + dirty.appliedAt() + "), so some of its statements may have "
                + "been committed. " + DirtyRecovery.steps(dirty.version(), previous));
        this.version = dirty.version();
        this.inProgress = false;
    }

    private DirtyDatabaseException(AppliedMigration running, LockHolder holder) {
        super("Migration " + running.label() + " is being applied right now, by the run holding the migration lock ("
                + holder + "). It runs without a transaction, so its version is marked dirty until it finishes. Wait "
                + "for it to finish; do not force a version while it runs.");
        this.version = running.version();
        this.inProgress = true;
    }

    private DirtyDatabaseException(String message, AppliedMigration running) {
        this(message, running.version(), true);
    }

    private DirtyDatabaseException(String message, Version version, boolean inProgress) {
        super(message);
        this.version = version;
        this.inProgress = inProgress;
    }

    /**
     * The dirty version is a no-transaction migration still running in the session that claimed it, although its run
     * lost the migration lock (its lock session ended): not a failure, and not to be forced or run again.
     */
    public static DirtyDatabaseException stillRunning(AppliedMigration running, LockHolder session) {
        return new DirtyDatabaseException("Migration " + running.label() + " is being applied right now, by the "
                + "server session that claimed it (" + session + "), although its run lost the migration lock: its "
                + "statement goes on on the server. It runs without a transaction, so its version stays dirty until it "
                + "finishes. Wait for it to finish, then run again; do not force a version while it runs. To stop it, "
                + "SELECT pg_cancel_backend(" + session.pid() + "), then check which of its statements took effect.",
                running);
    }

    /** The dirty version is a no-transaction migration that the lock's holder is running now, not a failure. */
    public static DirtyDatabaseException inProgress(AppliedMigration running, LockHolder holder) {
        return new DirtyDatabaseException(running, holder);
    }

    /**
     * A changeset run without a transaction stopped part-way in an earlier run: its claim ({@code delete} drops it)
     * is still there and the session that made it is gone.
     */
    public static DirtyDatabaseException changeSetUnfinished(Migration changeSet, String at, Object claimedAt,
            String delete) {
        return new DirtyDatabaseException("Changeset " + changeSet.description() + " (" + at
                + ") was started without a transaction (runInTransaction:false) at " + claimedAt + " and did not "
                + "finish, so some of its statements may have been committed; databasechangelog does not record it. "
                + "Nothing was run. Check which of its statements took effect: undo them and drop the claim to run it "
                + "again (" + delete + ";), or finish it by hand and record it with Liquibase's "
                + "mark-next-changeset-ran before dropping the claim.", changeSet.version(), false);
    }

    /** Whether the dirty version is being applied right now rather than left by a failure. */
    public boolean inProgress() {
        return inProgress;
    }

    /** The dirty version. */
    public Version version() {
        return version;
    }
}
