package dev.migrate.internal.run;

import dev.migrate.internal.postgres.AdvisoryLock;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Notes, while a step runs, which sessions block the run's connection: a daemon thread asks on the lock's own
 * connection every {@code periodMillis}. The lock's connection is never used by two threads at once: the run
 * asks it whether the lock is still held only through {@link #lost}, which waits for the watcher's question.
 */
class BlockerWatch implements AutoCloseable {

    /** How long a lock found held counts as held without asking again: half a second. */
    static final long RECHECK_AFTER_NANOS = 500_000_000L;

    /** Before a run's steps: nothing to watch, no lease to ask. */
    static final BlockerWatch NONE = new BlockerWatch(null, 0, 0);

    private final AdvisoryLock.Lease lease;
    private final int pid;
    private final long periodMillis;
    private final Object connectionInUse = new Object();
    private volatile boolean watching;
    private volatile boolean closed;
    private volatile List<String> seen = List.of();
    /** When the lock was last found held ({@link System#nanoTime()}), or 0 before the first check. */
    private volatile long heldAt;
    private Thread thread;

    private BlockerWatch(AdvisoryLock.Lease lease, int pid, long periodMillis) {
        this.lease = lease;
        this.pid = pid;
        this.periodMillis = periodMillis;
    }

    /** No watcher thread: the lease's own check only, and no blockers are ever named. */
    static BlockerWatch idle(AdvisoryLock.Lease lease) {
        return new BlockerWatch(lease, 0, 0);
    }

    static BlockerWatch start(AdvisoryLock.Lease lease, Connection connection, long periodMillis) {
        int pid;
        try {
            pid = connection.unwrap(org.postgresql.PGConnection.class).getBackendPID();
        } catch (SQLException | RuntimeException e) {
            return idle(lease); // not pgjdbc: the guard still works, the blockers go unnamed
        }
        BlockerWatch watch = new BlockerWatch(lease, pid, periodMillis);
        watch.thread = new Thread(watch::loop, "migrate-blocker-watch");
        watch.thread.setDaemon(true);
        watch.thread.start();
        return watch;
    }

    private void loop() {
        while (!closed) {
            try {
                Thread.sleep(periodMillis);
            } catch (InterruptedException e) {
                return;
            }
            synchronized (connectionInUse) {
                if (watching && !closed) {
                    List<String> blockers = lease.blockersOf(pid);
                    if (!blockers.isEmpty()) {
                        seen = blockers;
                    }
                }
            }
        }
    }

    /** A step starts. */
    void begin() {
        seen = List.of();
        watching = true;
    }

    /** The step ended: who blocked it last, if anyone was seen. */
    List<String> end() {
        watching = false;
        synchronized (connectionInUse) {
            return seen;
        }
    }

    /**
     * The lease's own check, never at the same time as the watcher's question. A lock found held less than
     * {@link #RECHECK_AFTER_NANOS} ago is not asked about again: quick migrations would otherwise spend a round
     * trip each on it. The check only stops a run early; the history row is what keeps each migration to one
     * application, checked or not.
     */
    Optional<String> lost() {
        long now = System.nanoTime();
        if (heldAt != 0 && now - heldAt < RECHECK_AFTER_NANOS) {
            return Optional.empty();
        }
        synchronized (connectionInUse) {
            Optional<String> lost = lease.lost();
            heldAt = lost.isEmpty() ? (now == 0 ? 1 : now) : 0;
            return lost;
        }
    }

    @Override
    public void close() {
        closed = true;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
