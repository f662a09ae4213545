package dev.migrate;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a run did: the version before and after, the migrations it applied and those it rolled back (each in
 * the order it ran), the repeatable migrations it applied after them, how long it took, and how long of that it
 * waited for the migration lock (empty when it took none: a run with nothing to do does not lock).
 */
public record MigrateResult(Optional<Version> initialVersion, Optional<Version> version,
        List<AppliedMigration> applied, List<AppliedMigration> rolledBack, Duration duration,
        Optional<Duration> lockWait, List<AppliedRepeatable> repeatables) {

    public MigrateResult {
        applied = List.copyOf(applied);
        rolledBack = List.copyOf(rolledBack);
        repeatables = List.copyOf(repeatables);
    }

    /** Whether the run found nothing to do. */
    public boolean upToDate() {
        return applied.isEmpty() && rolledBack.isEmpty() && repeatables.isEmpty();
    }
}
