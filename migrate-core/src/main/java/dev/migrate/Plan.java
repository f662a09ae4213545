package dev.migrate;

import java.util.List;
import java.util.Optional;

/**
 * What a command would do, worked out from the files and the history without taking the lock or changing
 * anything: the version now, the version after, each script in the order it would run, and then the repeatable
 * migrations it would apply (again).
 */
public record Plan(Optional<Version> version, Optional<Version> target, List<PlannedMigration> migrations,
        List<PlannedMigration> repeatables) {

    public Plan {
        migrations = List.copyOf(migrations);
        repeatables = List.copyOf(repeatables);
    }

    public Plan(Optional<Version> version, Optional<Version> target, List<PlannedMigration> migrations) {
        this(version, target, migrations, List.of());
    }

    /** Whether the command would do nothing. */
    public boolean empty() {
        return migrations.isEmpty() && repeatables.isEmpty();
    }
}
