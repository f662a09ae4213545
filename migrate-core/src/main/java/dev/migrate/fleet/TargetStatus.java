package dev.migrate.fleet;

import java.util.Optional;

/**
 * One target's state, read from its history and the ledger without changing anything.
 *
 * @param version its newest applied version
 * @param pending how many of the folder's migrations it has not applied
 * @param error the ledger's last error for it, when it failed in this release, or why it could not be read
 */
public record TargetStatus(Target target, State state, Optional<String> version, int pending,
        Optional<String> error) {

    /** A target's state, most urgent first. */
    public enum State {
        /** A no-transaction migration failed part-way: it needs the ordinary commands (force) before anything runs. */
        DIRTY,
        /** A migration failed on it in this release, or its history could not be read. */
        FAILED,
        /** A worker runs it now, under a lease still valid. */
        IN_PROGRESS,
        /** It lacks some of the folder's migrations. */
        BEHIND,
        /** It has every migration of the folder. */
        CURRENT
    }
}
