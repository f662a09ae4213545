package dev.migrate;

import dev.migrate.internal.Durations;
import java.time.Duration;
import java.util.Optional;

/** Another process held the migration lock for longer than the lock timeout. */
public final class LockTimeoutException extends MigrateException {

    private final Duration waited;
    private final transient LockHolder holder;

    public LockTimeoutException(String lock, Duration waited, Optional<LockHolder> holder) {
        super("Timed out after " + Durations.format(waited) + " waiting for the migration lock (" + lock + "), "
                + holder.map(h -> "held by " + h + ". Another migration run is in progress: wait for it to finish, "
                        + "or raise the lock timeout. If that process is stuck, end its session with "
                        + "SELECT pg_terminate_backend(" + h.pid() + ").")
                        .orElse("whose holder had just let go. Run the migrations again."));
        this.waited = waited;
        this.holder = holder.orElse(null);
    }

    private LockTimeoutException(String message, LockHolder holder) {
        super(message);
        this.waited = Duration.ZERO;
        this.holder = holder;
    }

    /**
     * A change to the history alone ({@code force}) does not wait for the lock: the run holding it may be applying
     * the very version it would change.
     */
    public static LockTimeoutException heldByAnotherRun(String action, String lock, LockHolder holder) {
        return new LockTimeoutException("Cannot " + action + " while another run holds the migration lock (" + lock
                + "), held by " + holder + ": it may be applying the very version this would change. Nothing was "
                + "changed. Wait for that run to finish; if it is stuck, end its session with SELECT "
                + "pg_terminate_backend(" + holder.pid() + "), then check which of its statements took effect.", holder);
    }

    /**
     * A version cannot be forced while the session that claimed a dirty one still runs it, after its run lost the
     * migration lock.
     */
    public static LockTimeoutException stillRunning(String action, String migration, LockHolder session) {
        return new LockTimeoutException("Cannot " + action + " while migration " + migration + " is being applied by "
                + "the server session that claimed it (" + session + "), although its run lost the migration lock: "
                + "its statement goes on on the server. Nothing was changed. Wait for it to finish; to stop it, SELECT "
                + "pg_cancel_backend(" + session.pid() + "), then check which of its statements took effect.", session);
    }

    /**
     * A version this run was about to record is being written by another session that does not hold the lock: a
     * run killed, or one that lost its lock, whose session goes on.
     */
    public static LockTimeoutException writtenByAnother(String migration, LockHolder session) {
        return new LockTimeoutException("Migration " + migration + " is being applied right now by another server "
                + "session (" + session + ") that does not hold the migration lock: its run may have been killed, or "
                + "lost its lock, while its statement went on. This run did not apply it; what this run applied "
                + "before it stays applied. Wait for that session to finish, then run again; to stop it, SELECT "
                + "pg_cancel_backend(" + session.pid() + ").", session);
    }

    /**
     * Liquibase's own lock ({@code table}) stayed held by {@code holder} for longer than the lock timeout; migrate
     * never breaks it.
     */
    public static LockTimeoutException liquibaseLock(String table, Duration waited, String holder) {
        return new LockTimeoutException("Timed out after " + Durations.format(waited)
                + " waiting for Liquibase's lock (" + table + "), held by " + holder + ". A Liquibase run is in "
                + "progress: wait for it to finish, or raise the lock timeout. If no Liquibase is running (one was "
                + "killed while it held the lock), release it with Liquibase's release-locks, or with UPDATE " + table
                + " SET locked = FALSE, lockgranted = NULL, lockedby = NULL WHERE id = 1. migrate never breaks another "
                + "tool's lock. Nothing was run.", null);
    }

    public Duration waited() {
        return waited;
    }

    /** Who held the lock when the wait ended, if anyone still did. */
    public Optional<LockHolder> holder() {
        return Optional.ofNullable(holder);
    }
}
