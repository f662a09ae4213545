package dev.migrate.internal.run;

import dev.migrate.AppliedMigration;
import dev.migrate.Direction;
import dev.migrate.Migration;
import dev.migrate.PlannedMigration;
import dev.migrate.Script;

/** One migration to run in one direction; a step down carries the history row it removes. */
public record Step(Migration migration, Direction direction, AppliedMigration row) {

    public Script script() {
        return direction == Direction.UP ? migration.up() : migration.down().orElseThrow();
    }

    public PlannedMigration planned() {
        Script script = script();
        return new PlannedMigration(migration.version(), migration.description(), direction, script.name(),
                script.sql(), script.transactional());
    }
}
