package dev.migrate;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a {@code migrate()} run did: the version before and after, the migrations it applied in order, how long
 * it took and how long of that it waited for the lock.
 */
public record MigrateResult(Optional<Version> initialVersion, Optional<Version> version,
        List<AppliedMigration> applied, Duration duration, Duration lockWait) {

    public MigrateResult {
        applied = List.copyOf(applied);
    }

    /** Whether the run found nothing to do. */
    public boolean upToDate() {
        return applied.isEmpty();
    }
}
