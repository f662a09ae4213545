package dev.migrate;

import java.util.List;
import java.util.Optional;

/**
 * What a command would do, worked out from the files and the history without taking the lock or changing
 * anything: the version now, the version after, and each script in the order it would run.
 */
public record Plan(Optional<Version> version, Optional<Version> target, List<PlannedMigration> migrations) {

    public Plan {
        migrations = List.copyOf(migrations);
    }

    /** Whether the command would do nothing. */
    public boolean empty() {
        return migrations.isEmpty();
    }
}
