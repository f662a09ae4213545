package dev.migrate.autoconfigure;

import dev.migrate.AppliedMigration;
import dev.migrate.LockHolder;
import dev.migrate.MigrateException;
import dev.migrate.MigrateResult;
import dev.migrate.MigrationFailedException;
import dev.migrate.Migrator;
import dev.migrate.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What migrations did in this process, and where the schema stands: the source of the migrations endpoint,
 * the health indicator and the meters. The schema's status is read at most every {@value #STATUS_TTL_SECONDS}
 * seconds, so that scrapes and health checks do not read the history table and hash every file each time.
 */
public final class MigrationActivity {

    static final long STATUS_TTL_SECONDS = 10;

    private final Migrator migrator;
    private final Clock clock;
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong migrationMillis = new AtomicLong();
    private final AtomicLong lockWaits = new AtomicLong();
    private final AtomicLong lockWaitMillis = new AtomicLong();
    private volatile LastRun lastRun;
    private volatile Snapshot snapshot;

    private record Snapshot(Status status, Instant readAt) {
    }

    public MigrationActivity(Migrator migrator) {
        this(migrator, Clock.systemUTC());
    }

    MigrationActivity(Migrator migrator, Clock clock) {
        this.migrator = migrator;
        this.clock = clock;
    }

    public Migrator migrator() {
        return migrator;
    }

    /** Runs {@code strategy} and records what it did, success or failure; failures are rethrown. */
    public MigrateResult run(MigrationStrategy strategy) {
        Instant started = clock.instant();
        long startedNanos = System.nanoTime();
        try {
            MigrateResult result = strategy.migrate(migrator);
            Duration took = Duration.ofNanos(System.nanoTime() - startedNanos);
            int count = result == null ? 0 : result.applied().size();
            if (result != null) {
                result.applied().forEach(this::countApplied);
                // Only runs that took the lock: counting the no-op ones would drag the average wait towards zero.
                result.lockWait().ifPresent(waited -> {
                    lockWaits.incrementAndGet();
                    lockWaitMillis.addAndGet(waited.toMillis());
                });
            }
            lastRun = new LastRun(started, clock.instant(), count, took, LastRun.Result.SUCCESS, null, null);
            return result;
        } catch (MigrateException e) {
            dev.migrate.Version version = null;
            if (e instanceof MigrationFailedException failure) {
                failed.incrementAndGet();
                version = failure.version();
            }
            lastRun = new LastRun(started, clock.instant(), 0, Duration.ofNanos(System.nanoTime() - startedNanos),
                    LastRun.Result.FAILED, e.getMessage(), version);
            throw e;
        } finally {
            snapshot = null;
        }
    }

    private void countApplied(AppliedMigration migration) {
        applied.incrementAndGet();
        migrationMillis.addAndGet(migration.executionMs());
    }

    /** The schema's status, at most {@value #STATUS_TTL_SECONDS} seconds old. */
    public Status status() {
        Snapshot current = snapshot;
        Instant now = clock.instant();
        if (current == null || current.readAt().plusSeconds(STATUS_TTL_SECONDS).isBefore(now)) {
            current = new Snapshot(migrator.status(), now);
            snapshot = current;
        }
        return current.status();
    }

    /** Who holds the migration lock right now, read afresh. */
    public Optional<LockHolder> lockHolder() {
        return migrator.lockHolder();
    }

    /** The last run in this process, if there was one. */
    public Optional<LastRun> lastRun() {
        return Optional.ofNullable(lastRun);
    }

    /** Migrations this process applied. */
    public long appliedCount() {
        return applied.get();
    }

    /** Migrations whose script failed in this process (runs stopped by validation or the lock count in lastRun only). */
    public long failedCount() {
        return failed.get();
    }

    /** Time the applied migrations took, added up. */
    public long appliedMillis() {
        return migrationMillis.get();
    }

    /** Runs that completed having taken the migration lock (a run with nothing to do takes none). */
    public long lockWaitCount() {
        return lockWaits.get();
    }

    /** Time those runs waited for the lock, added up. */
    public long lockWaitMillis() {
        return lockWaitMillis.get();
    }
}
