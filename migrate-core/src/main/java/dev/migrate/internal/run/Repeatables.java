package dev.migrate.internal.run;

import dev.migrate.AppliedRepeatable;
import dev.migrate.Change;
import dev.migrate.Direction;
import dev.migrate.MigrationState;
import dev.migrate.PlannedMigration;
import dev.migrate.Repeatable;
import dev.migrate.RepeatableInfo;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The repeatable migrations set against their last applications: which a run applies (never applied, or changed
 * since: their checksum differs), in description order, after the versioned migrations of every run up (to a
 * target too, as Flyway applies them); runs down leave them.
 */
final class Repeatables {

    private final List<Repeatable> files;
    private final Map<String, AppliedRepeatable> applied;

    Repeatables(List<Repeatable> files, Map<String, AppliedRepeatable> applied) {
        this.files = files.stream().sorted(Comparator.comparing(Repeatable::description)).toList();
        this.applied = applied;
    }

    /** Whether {@code change} applies repeatable migrations at all. */
    static boolean ranBy(Change change) {
        return change.kind() == Change.Kind.UP;
    }

    /** Those {@code change} would apply now, in order. */
    List<Repeatable> due(Change change) {
        return ranBy(change) ? files.stream().filter(this::due).toList() : List.of();
    }

    private boolean due(Repeatable file) {
        AppliedRepeatable last = applied.get(file.description());
        return last == null || !last.checksum().equals(file.script().checksum());
    }

    List<RepeatableInfo> status() {
        return files.stream().map(file -> {
            AppliedRepeatable last = applied.get(file.description());
            MigrationState state = last == null ? MigrationState.PENDING
                    : due(file) ? MigrationState.OUTDATED : MigrationState.APPLIED;
            return new RepeatableInfo(file.description(), state, file.script().name(), file.script().checksum(),
                    last == null ? null : last.appliedAt(), last == null ? null : last.executionMs(),
                    last == null ? null : last.adoptedFrom());
        }).toList();
    }

    static PlannedMigration planned(Repeatable file) {
        return new PlannedMigration(null, file.description(), Direction.UP, file.script().name(), file.script().sql(),
                file.script().transactional());
    }
}
