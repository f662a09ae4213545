package dev.migrate.internal.run;

import dev.migrate.AppliedMigration;
import dev.migrate.AppliedRepeatable;
import dev.migrate.Direction;
import dev.migrate.MigrateResult;
import dev.migrate.Migrator;
import dev.migrate.Version;
import dev.migrate.internal.Durations;
import dev.migrate.internal.ProgressLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.MDC;

/** The result of a run that finished, and the one line that tells the log what it did. */
final class RunOutcome {

    private RunOutcome() {
    }

    /** {@code rows} are the rows the {@code steps} wrote (up) or removed (down), in order. */
    static MigrateResult of(Optional<Version> initial, Optional<Version> version, List<Step> steps,
            List<AppliedMigration> rows, List<AppliedRepeatable> repeatables, long startedNanos,
            Optional<Duration> lockWait) {
        List<AppliedMigration> applied = applied(steps, rows);
        List<AppliedMigration> rolledBack = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).direction() == Direction.DOWN) {
                rolledBack.add(rows.get(i));
            }
        }
        MigrateResult result = new MigrateResult(initial, version, applied, rolledBack,
                Duration.ofNanos(System.nanoTime() - startedNanos), lockWait, repeatables);
        String now = version.map(Version::toString).orElse("(none)");
        if (result.upToDate() && MDC.get(Migrator.LOG_TARGET) != null) {
            ProgressLog.LOG.debug("database schema is up to date at version {}", now);
        } else if (result.upToDate()) {
            ProgressLog.LOG.info("database schema is up to date at version {}", now);
        } else if (rolledBack.isEmpty()) {
            ProgressLog.LOG.info("database migrations applied successfully: {} applied{}, now at version {} ({})",
                    applied.size(), repeatables.isEmpty() ? "" : " and " + repeatables.size() + " repeatable", now,
                    Durations.format(result.duration()));
        } else {
            ProgressLog.LOG.info("database migrations rolled back successfully: {} rolled back, now at version {} ({})",
                    rolledBack.size(), now, Durations.format(result.duration()));
        }
        return result;
    }

    /** The rows of the steps that went up, in order. */
    static List<AppliedMigration> applied(List<Step> steps, List<AppliedMigration> rows) {
        List<AppliedMigration> applied = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).direction() == Direction.UP) {
                applied.add(rows.get(i));
            }
        }
        return applied;
    }
}
