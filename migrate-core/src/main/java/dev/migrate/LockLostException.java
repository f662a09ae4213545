package dev.migrate;

import java.util.List;

/**
 * The run stopped because the migration lock no longer kept it apart from other runs: the lock's session ended
 * (terminated, timed out, the network went) or does not hold the lock any more. Every migration commits only with
 * its own history row, so nothing was applied twice; the migrations this run applied before it stopped stay applied.
 */
public final class LockLostException extends MigrateException {

    private final transient List<AppliedMigration> applied;

    /** Why a lock is lost when the connection now reaches another server session than the one that took it. */
    public static final String SESSION_MOVED = "its session no longer holds it (the connection reaches another "
            + "server session, as through a pooler in transaction mode)";

    /** What to do about a pooler that shares server sessions: the same words wherever a message needs them. */
    private static final String POOLER_FIX = "Run migrations over a direct connection to PostgreSQL (Spring: "
            + "database.migrations.url; CLI: -database), or through a pool in session mode (pool_mode = session).";

    public LockLostException(String lock, String reason, Migration next, List<AppliedMigration> applied) {
        super("Lost the migration lock (" + lock + ") before migration " + next.label() + ": " + reason + ". This "
                + "run stopped there" + (applied.isEmpty() ? " having applied nothing"
                        : " after applying " + applied.size() + " migration" + (applied.size() == 1 ? "" : "s")
                                + " (up to version " + applied.get(applied.size() - 1).version() + ")")
                + "; each migration commits only with its own history row, so none was applied twice. If another "
                + "run took over the lock, it carries on from there; otherwise run the migrations again. "
                + (reason.equals(SESSION_MOVED) ? POOLER_FIX : "If this repeats, look for what ends idle sessions "
                        + "(idle_session_timeout, a proxy or firewall timeout)."));
        this.applied = List.copyOf(applied);
    }

    private LockLostException(String message) {
        super(message);
        this.applied = List.of();
    }

    /**
     * Right after the lock was taken, another connection of the same run reached the very server session holding
     * it: the connections go through a pooler that shares server sessions between clients.
     */
    public static LockLostException sharedSession(String lock, int pid) {
        return new LockLostException("The migration lock (" + lock + ") cannot keep runs apart over these "
                + "connections: the run's two connections reached the same server session (pid " + pid + "), as "
                + "happens behind a pooler that hands out server sessions per transaction (PgBouncer with pool_mode = "
                + "transaction or statement). Nothing was changed, and the lock was released. " + POOLER_FIX);
    }

    /** Lost before a repeatable migration, after every versioned one of the run was applied. */
    public static LockLostException beforeRepeatable(String lock, String reason, Repeatable next,
            List<AppliedMigration> applied) {
        return new LockLostException("Lost the migration lock (" + lock + ") before " + next.label() + ": " + reason
                + ". This run stopped there, after applying " + applied.size() + " versioned migration"
                + (applied.size() == 1 ? "" : "s") + ", each committed with its own history row; the repeatable "
                + "migrations still due run on the next run. If this repeats, look for what ends idle sessions "
                + "(idle_session_timeout, a proxy or firewall timeout).", applied);
    }

    private LockLostException(String message, List<AppliedMigration> applied) {
        super(message);
        this.applied = List.copyOf(applied);
    }

    /** The migrations this run applied before it stopped, in order. */
    public List<AppliedMigration> applied() {
        return applied;
    }
}
