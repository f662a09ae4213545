package dev.migrate;

import java.time.Duration;

/**
 * Hears what a run does, for logs, metrics and progress displays. Every method does nothing by default; an
 * exception thrown by a listener is logged and never stops a run.
 */
public interface MigrationListener {

    /**
     * A run of {@code change} begins (before the files are read); it ends with {@link #runFinished} or
     * {@link #runFailed}, on the same thread.
     */
    default void runStarted(Change change) {
    }

    /** Another process holds the lock; called when the wait starts and then every ten seconds. */
    default void lockWaiting(LockHolder holder, Duration waited) {
    }

    default void lockAcquired(Duration waited) {
    }

    /**
     * A migration's up or down script is about to run. Transactional migrations sent to the server together in one
     * message are reported as the message returns: each is started, then applied (with the time the server
     * counted for it) or failed, in order, before the next is started.
     */
    default void migrationStarted(Migration migration, Direction direction) {
    }

    default void migrationApplied(Migration migration, AppliedMigration applied) {
    }

    default void migrationRolledBack(Migration migration, Duration duration) {
    }

    default void migrationFailed(Migration migration, MigrationFailedException failure) {
    }

    /** The run ended without error, whether or not it applied anything. */
    default void runFinished(MigrateResult result) {
    }

    /** The run stopped on {@code failure}; whatever it applied before stays applied. */
    default void runFailed(MigrateException failure, Duration duration) {
    }
}
