package dev.migrate;

import java.util.List;

/**
 * The run stopped because the migration lock no longer kept it apart from other runs: the lock's session ended
 * (terminated, timed out, the network went) or does not hold the lock any more. Every migration commits only with
 * its own history row, so nothing was applied twice; the migrations this run applied before it stopped stay applied.
 */
public final class LockLostException extends MigrateException {

    private final transient List<AppliedMigration> applied;

    public LockLostException(String lock, String reason, Migration next, List<AppliedMigration> applied) {
        super("Lost the migration lock (" + lock + ") before migration " + next.label() + ": " + reason + ". This "
                + "run stopped there" + (applied.isEmpty() ? " having applied nothing"
                        : " after applying " + applied.size() + " migration" + (applied.size() == 1 ? "" : "s")
                                + " (up to version " + applied.get(applied.size() - 1).version() + ")")
                + "; each migration commits only with its own history row, so none was applied twice. If another "
                + "run took over the lock, it carries on from there; otherwise run the migrations again. If this "
                + "repeats, look for what ends idle sessions (idle_session_timeout, a proxy or firewall timeout).");
        this.applied = List.copyOf(applied);
    }

    /** The migrations this run applied before it stopped, in order. */
    public List<AppliedMigration> applied() {
        return applied;
    }
}
