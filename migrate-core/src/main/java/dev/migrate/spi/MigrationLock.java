package dev.migrate.spi;

import java.time.Duration;

/** Provides mutual exclusion between migration runs, across processes and machines. */
public interface MigrationLock {

    /**
     * Waits up to {@code timeout} for the lock.
     *
     * @throws dev.migrate.LockTimeoutException if it is still held by another run when the timeout ends
     */
    Lease acquire(Duration timeout);

    /** A held lock; closing it lets go, and a failure to let go is logged, never thrown. */
    interface Lease extends AutoCloseable {

        /** How long {@link #acquire} waited. */
        Duration waited();

        @Override
        void close();
    }
}
